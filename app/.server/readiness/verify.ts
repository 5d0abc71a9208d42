/**
 * The summary's proof: recompute people from the raw tables with the rules and compare with what is stored.
 * A row marked stale (or past its next change, or from another course library) is not wrong — readers
 * recompute it first — so it is counted apart; every other stored row must equal the derivation exactly.
 */
import { chunks } from "../chunks";
import { prisma } from "../db";
import { catalogKey } from "./catalog-key";
import { readinessFor } from "./load";
import { courseJson, summaryColumns } from "./store";

export type Difference = { personId: string; name: string; what: string; stored: string; derived: string };

const show = (v: unknown) => (v instanceof Date ? v.toISOString() : v === undefined ? "(none)" : JSON.stringify(v));

export async function verifyReadiness(now = new Date()): Promise<{ checked: number; stale: number; differences: Difference[] }> {
  const key = catalogKey();
  const ids = (await prisma.person.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((p) => p.id);
  const differences: Difference[] = [];
  let checked = 0;
  let stale = 0;
  for (const batch of chunks(ids, 500)) {
    const [derived, stored, curricula, courses] = await Promise.all([
      readinessFor(batch, now),
      prisma.readinessSummary.findMany({ where: { personId: { in: batch } } }),
      prisma.readinessCurriculum.findMany({ where: { personId: { in: batch } } }),
      prisma.readinessCourse.findMany({ where: { personId: { in: batch } } }),
    ]);
    const storedOf = new Map(stored.map((s) => [s.personId, s]));
    for (const row of derived) {
      const s = storedOf.get(row.personId);
      const differ = (what: string, a: unknown, b: unknown) =>
        differences.push({ personId: row.personId, name: row.name, what, stored: show(a), derived: show(b) });
      if (!s || s.staleSince || s.catalogKey !== key || (s.nextChangeAt && s.nextChangeAt <= now) || s.computedAt > now) {
        stale += 1;
        continue;
      }
      checked += 1;
      const expected = summaryColumns(row, key, now);
      for (const [field, value] of Object.entries(expected)) {
        const actual = s[field as keyof typeof s];
        if (show(actual) !== show(value)) differ(field, actual, value);
      }
      const heldStored = new Map(curricula.filter((c) => c.personId === row.personId).map((c) => [c.curriculumId, c]));
      for (const c of row.curricula) {
        const h = heldStored.get(c.id);
        heldStored.delete(c.id);
        const want = `${c.name}: ${c.requiredDone}/${c.requiredTotal} +${c.requiredWaived}`;
        const have = h ? `${h.name}: ${h.requiredDone}/${h.requiredTotal} +${h.requiredWaived}` : undefined;
        if (have !== want) differ(`curriculum ${c.id}`, have, want);
      }
      for (const extra of heldStored.values()) differ(`curriculum ${extra.curriculumId}`, extra.name, undefined);
      const coursesStored = new Map(courses.filter((c) => c.personId === row.personId).map((c) => [c.courseSlug, c.data]));
      for (const c of row.courses) {
        const data = coursesStored.get(c.courseSlug);
        coursesStored.delete(c.courseSlug);
        if (data !== courseJson(c)) differ(`course ${c.courseSlug}`, data, courseJson(c));
      }
      for (const slug of coursesStored.keys()) differ(`course ${slug}`, "stored", undefined);
    }
  }
  return { checked, stale, differences };
}
