import { createHash } from "node:crypto";
import type { Catalog } from "../content/schema";
import { getCatalog } from "../content/catalog";

const keys = new WeakMap<Catalog, string>();

/**
 * Raise when the derivation changes what it stores (a rule, an order, a field): every summary stored by the old
 * code becomes stale and is recomputed after the upgrade, so readiness:verify holds across deployments.
 * 2: recent quizzes ordered by lesson among equal times (the same on every database).
 * 3: Expiring and Expired (certificate ends), re-opened lessons (material changes, renewals).
 */
const RULES_VERSION = 3;

/**
 * A fingerprint of the course library as readiness sees it (each course's slug and content version) and of the
 * rules' version: a stored summary computed against another library, or by other rules, is stale.
 */
export function catalogKey(catalog: Catalog = getCatalog()): string {
  let key = keys.get(catalog);
  if (!key) {
    const text = [`rules@${RULES_VERSION}`, ...catalog.courses.map((c) => `${c.slug}@${c.version}`).sort()].join("\n");
    key = createHash("sha256").update(text).digest("hex").slice(0, 16);
    keys.set(catalog, key);
  }
  return key;
}
