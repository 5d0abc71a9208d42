/** Curricula for the JSON API, read through the curricula module (the same lists and due rules HR sees). */
import { getCourse } from "../content/catalog";
import { getCurriculum, listCurricula } from "../curricula/curricula";
import { dueRuleOf, type DueRule } from "../curricula/due-dates";
import { isoDay } from "./people";

const dueRuleResource = (rule: DueRule | null) =>
  rule === null ? null : rule.kind === "days" ? { kind: "days" as const, days: rule.days } : { kind: "date" as const, date: isoDay(rule.date)! };

/** Every curriculum, archived ones included (marked), by name: a handful, so one response. */
export async function apiCurricula() {
  const rows = await listCurricula();
  return {
    data: rows
      .map((c) => ({
        id: c.id,
        name: c.name,
        description: c.description,
        inOrder: c.inOrder,
        archived: c.archivedAt !== null,
        courseCount: c.courseCount,
        requiredCount: c.requiredCount,
        rules: c.rules,
        people: c.people,
      }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
  };
}

/** One curriculum with its courses in order and their due rules. */
export async function apiCurriculum(id: string) {
  const c = await getCurriculum(id);
  if (!c) return null;
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    inOrder: c.inOrder,
    archived: c.archivedAt !== null,
    graceDays: c.graceDays,
    validityMonths: c.validityMonths,
    renewalNoticeDays: c.renewalNoticeDays,
    dueRule: dueRuleResource(dueRuleOf(c)),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    courses: c.courses.map((cc) => ({
      slug: cc.courseSlug,
      title: getCourse(cc.courseSlug)?.title ?? null,
      position: cc.position,
      required: cc.required,
      dueRule: dueRuleResource(dueRuleOf(cc)),
    })),
  };
}
