import type { Role } from "~/generated/prisma/enums";
import type { StoryIntent, StoryView } from "./schema";

/** Who may use each action on /stories; no entry means anyone signed in (the domain checks ownership). */
export const INTENT_ROLES: Record<StoryIntent, readonly Role[] | undefined> = {
  post: undefined,
  delete: undefined,
  highlight: ["MANAGER", "HR"],
  unhighlight: ["MANAGER", "HR"],
  hide: ["HR"],
  unhide: ["HR"],
};

/** Any manager may highlight any story, and so may HR. */
export const mayHighlight = (role: Role) => INTENT_ROLES.highlight!.includes(role);

/** Only HR hides stories, and only HR sees hidden ones. */
export const mayModerate = (role: Role) => INTENT_ROLES.hide!.includes(role);

/** Only its author deletes a story; to anyone else it does not exist (404, not 403). */
export const mayDelete = (actorId: string, story: { authorId: string }) => story.authorId === actorId;

/** The lists a role can open; the hidden list is HR's alone. */
export const viewAllowed = (role: Role, view: StoryView) => view !== "hidden" || mayModerate(role);

type Candidate = { id: string; name: string; deactivatedAt: Date | null };

/** The colleague a story can be about (pure), or why not: nobody, the author themself, someone who has left. */
export function eligibleSubject<T extends Candidate>(authorId: string, subject: T | null): { subject: T } | { problem: string } {
  if (!subject) return { problem: "Choose a colleague from the list." };
  if (subject.id === authorId) return { problem: "A story is about someone else: choose a colleague." };
  if (subject.deactivatedAt) return { problem: `${subject.name} no longer works here: stories are about current colleagues.` };
  return { subject };
}

/** The first day (UTC) of each of the last `count` months, oldest first, ending with the month of `now`. */
export function lastMonths(now: Date, count: number): Date[] {
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (count - 1 - i), 1)));
}

const monthKey = (d: Date) => d.toISOString().slice(0, 7);

const NO_DEPARTMENT = "No department";

export type CountTable = { months: string[]; rows: { department: string; counts: number[]; total: number }[]; totals: number[] };

/** Stories per subject department × month (pure); months are "YYYY-MM", departments sorted by name. */
export function countByDepartmentMonth(stories: { createdAt: Date; department: string | null }[], months: Date[]): CountTable {
  const keys = months.map(monthKey);
  const byDepartment = new Map<string, number[]>();
  for (const s of stories) {
    const column = keys.indexOf(monthKey(s.createdAt));
    if (column < 0) continue;
    const department = s.department ?? NO_DEPARTMENT;
    const counts = byDepartment.get(department) ?? keys.map(() => 0);
    counts[column]! += 1;
    byDepartment.set(department, counts);
  }
  const rows = [...byDepartment]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([department, counts]) => ({ department, counts, total: counts.reduce((n, c) => n + c, 0) }));
  const totals = keys.map((_, i) => rows.reduce((n, r) => n + r.counts[i]!, 0));
  return { months: keys, rows, totals };
}
