import { createHash } from "node:crypto";
import type { Catalog } from "../content/schema";
import { getCatalog } from "../content/catalog";

const keys = new WeakMap<Catalog, string>();

/**
 * A fingerprint of the course library as readiness sees it (each course's slug and content version): a stored
 * summary computed against another library is stale.
 */
export function catalogKey(catalog: Catalog = getCatalog()): string {
  let key = keys.get(catalog);
  if (!key) {
    const text = catalog.courses
      .map((c) => `${c.slug}@${c.version}`)
      .sort()
      .join("\n");
    key = createHash("sha256").update(text).digest("hex").slice(0, 16);
    keys.set(catalog, key);
  }
  return key;
}
