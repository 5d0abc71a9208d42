/** The departments, job titles and locations a group rule can name, and the nearest one to a value that names nobody. */
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "../db";
import { sameName } from "./rules";

type Db = Pick<Prisma.TransactionClient, "person">;

export type ValueOption = { value: string; people: number };
export type RuleValueOptions = { departments: ValueOption[]; jobTitles: ValueOption[]; locations: ValueOption[] };

// The same loosening as sameName (case and spacing), as a key to group spellings by.
const looseKey = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();

/**
 * Merge values that rules treat as one ("Front Desk", "front  desk") into one option named by the spelling most
 * people have, counting everyone; options come in alphabetical order.
 */
export function groupValues(rows: { value: string | null; people: number }[]): ValueOption[] {
  const groups = new Map<string, { spellings: Map<string, number>; people: number }>();
  for (const row of rows) {
    if (row.value === null || row.value.trim() === "") continue;
    const key = looseKey(row.value);
    const group = groups.get(key) ?? { spellings: new Map<string, number>(), people: 0 };
    group.people += row.people;
    group.spellings.set(row.value.trim(), (group.spellings.get(row.value.trim()) ?? 0) + row.people);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((g) => ({ value: [...g.spellings].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0], people: g.people }))
    .sort((a, b) => a.value.localeCompare(b.value));
}

/** Distinct departments, job titles and locations among active people, with how many people have each. */
export async function ruleValueOptions(db: Db = prisma): Promise<RuleValueOptions> {
  const [departments, jobTitles, locations] = await Promise.all([
    db.person.groupBy({ by: ["department"], where: { deactivatedAt: null, department: { not: null } }, _count: { _all: true } }),
    db.person.groupBy({ by: ["jobTitle"], where: { deactivatedAt: null, jobTitle: { not: null } }, _count: { _all: true } }),
    db.person.groupBy({ by: ["location"], where: { deactivatedAt: null, location: { not: null } }, _count: { _all: true } }),
  ]);
  return {
    departments: groupValues(departments.map((d) => ({ value: d.department, people: d._count._all }))),
    jobTitles: groupValues(jobTitles.map((j) => ({ value: j.jobTitle, people: j._count._all }))),
    locations: groupValues(locations.map((l) => ({ value: l.location, people: l._count._all }))),
  };
}

/** Whether a rule with this value matches someone now, compared as rules compare (ruleMatches). */
export const matchesSomeone = (value: string, options: ValueOption[]) => options.some((o) => o.people > 0 && sameName(o.value, value));

/** Edits (insert, delete, substitute, swap two neighbours) to turn a into b. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The existing value a typed one most likely meant: a loose match first, else the fewest edits within about
 * one typo per four letters (ties go to the larger group). Null when nothing is close enough to suggest.
 */
export function closestValue(value: string, options: ValueOption[]): string | null {
  const typed = looseKey(value);
  if (typed === "") return null;
  const same = options.find((o) => sameName(o.value, value));
  if (same) return same.value;
  const allowed = Math.max(1, Math.floor(typed.length / 4));
  let best: { option: ValueOption; distance: number } | null = null;
  for (const option of options) {
    const distance = editDistance(typed, looseKey(option.value));
    if (distance > allowed) continue;
    if (!best || distance < best.distance || (distance === best.distance && option.people > best.option.people)) best = { option, distance };
  }
  return best?.option.value ?? null;
}
