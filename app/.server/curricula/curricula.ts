import { recordAudit, type AuditContext } from "../audit/audit";
import { getCatalog } from "../content/catalog";
import { prisma } from "../db";
import { tellNewHolders } from "../notifications/curriculum-assigned";
import { holdersOf, readinessChanged } from "../readiness/upkeep";
import { curriculumWithCoursesColumns } from "./assigned";
import type { DueRule } from "./due-dates";
import { ruleLabel } from "./rules";
import type { CurriculumInput } from "./schema";
import { syncRuleAssignments } from "./sync";

const dueColumns = (rule: DueRule | null) => ({
  dueDays: rule?.kind === "days" ? rule.days : null,
  dueDate: rule?.kind === "date" ? rule.date : null,
});

/** The curriculum's own columns from the form (absent grace, validity or notice: the stored value stays). */
const headColumns = (input: CurriculumInput) => ({
  name: input.name,
  description: input.description,
  inOrder: input.inOrder,
  graceDays: input.graceDays,
  validityMonths: input.validityMonths,
  renewalNoticeDays: input.renewalNoticeDays,
  ...dueColumns(input.dueRule),
});

/** Which curricula a list shows: the active ones (the default), the archived ones, or all. */
export type CurriculumFilter = "active" | "archived" | "all";

const archivedWhere = { active: { archivedAt: null }, archived: { archivedAt: { not: null } }, all: {} } as const;

/** The curricula a filter shows (default: all), with how many courses, rules and people each has; archived ones last. */
export async function listCurricula(filter: CurriculumFilter = "all") {
  const [curricula, holders] = await Promise.all([
    prisma.curriculum.findMany({
      where: archivedWhere[filter],
      select: {
        id: true,
        name: true,
        description: true,
        inOrder: true,
        archivedAt: true,
        createdAt: true,
        courses: { select: { courseSlug: true, required: true } },
        rules: { where: { endedAt: null }, select: { kind: true, value: true } },
      },
      orderBy: [{ name: "asc" }],
    }),
    prisma.$queryRaw<{ curriculumId: string; people: number | bigint }[]>`
      SELECT "curriculumId", COUNT(DISTINCT "personId") AS people FROM "Assignment"
      WHERE "unassignedAt" IS NULL GROUP BY "curriculumId"`,
  ]);
  const count = new Map(holders.map((h) => [h.curriculumId, Number(h.people)]));
  return curricula
    .map((c) => ({
      id: c.id,
      name: c.name,
      description: c.description,
      inOrder: c.inOrder,
      archivedAt: c.archivedAt,
      courseCount: c.courses.length,
      requiredCount: c.courses.filter((x) => x.required).length,
      rules: c.rules.map(ruleLabel),
      people: count.get(c.id) ?? 0,
    }))
    .sort((a, b) => Number(Boolean(a.archivedAt)) - Number(Boolean(b.archivedAt)));
}

/** How many curricula are archived: the list's filter says so, so they are not forgotten. */
export const countArchivedCurricula = () => prisma.curriculum.count({ where: archivedWhere.archived });

export async function getCurriculum(id: string) {
  return prisma.curriculum.findUnique({
    where: { id },
    select: { ...curriculumWithCoursesColumns, archivedAt: true, updatedAt: true },
  });
}

/** Course slugs HR may put in a curriculum: the whole library, in catalog order. */
export function curriculumCourseOptions() {
  return getCatalog().courses.map((c) => ({ slug: c.slug, title: c.title, audience: c.audience, minutes: c.minutes }));
}

export async function createCurriculum(input: CurriculumInput, ctx: AuditContext, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const created = await tx.curriculum.create({
      data: {
        ...headColumns(input),
        courses: {
          create: input.courses.map((c, i) => ({
            courseSlug: c.slug,
            position: i + 1,
            required: c.required,
            renew: c.renew ?? false,
            ...dueColumns(c.dueRule),
            addedAt: now,
            requiredSince: c.required ? now : null,
          })),
        },
      },
      select: { id: true, name: true },
    });
    await recordAudit(
      {
        action: "curriculum.created",
        actor: ctx.actor,
        target: created.name,
        ip: ctx.ip,
        details: { curriculumId: created.id, courses: input.courses.map((c) => c.slug), validityMonths: input.validityMonths ?? null },
      },
      tx,
    );
    return created;
  });
}

/**
 * Save an edited curriculum without rewriting anyone's history. Completion is derived from lesson progress,
 * so nothing finished is lost; a course that is new, or newly required, records today as the day it became
 * an obligation, so people who already hold the curriculum get a due date counted from today (see due-dates.ts).
 * A removed course simply stops counting; its lesson records stay.
 */
export async function updateCurriculum(id: string, input: CurriculumInput, ctx: AuditContext, now = new Date()) {
  const changes = await prisma.$transaction(async (tx) => {
    const existing = await tx.curriculumCourse.findMany({ where: { curriculumId: id }, select: { id: true, courseSlug: true, required: true, renew: true } });
    const stored = await tx.curriculum.findUniqueOrThrow({ where: { id }, select: { validityMonths: true, renewalNoticeDays: true } });
    const bySlug = new Map(existing.map((c) => [c.courseSlug, c]));
    const wanted = new Set(input.courses.map((c) => c.slug));
    const added: string[] = [];
    const madeRequired: string[] = [];
    await tx.curriculum.update({
      where: { id },
      data: headColumns(input),
    });
    const removed = existing.filter((c) => !wanted.has(c.courseSlug));
    if (removed.length > 0) await tx.curriculumCourse.deleteMany({ where: { id: { in: removed.map((c) => c.id) } } });
    for (const [i, c] of input.courses.entries()) {
      const before = bySlug.get(c.slug);
      const data = { position: i + 1, required: c.required, renew: c.renew ?? false, ...dueColumns(c.dueRule) };
      if (!before) {
        added.push(c.slug);
        await tx.curriculumCourse.create({
          data: { ...data, curriculumId: id, courseSlug: c.slug, addedAt: now, requiredSince: c.required ? now : null },
        });
        continue;
      }
      if (c.required && !before.required) madeRequired.push(c.slug);
      await tx.curriculumCourse.update({
        where: { id: before.id },
        data: { ...data, ...(c.required === before.required ? {} : { requiredSince: c.required ? now : null }) },
      });
    }
    // Holders' readiness follows: the notice and the renewal courses change their Expiring window and reasons.
    await readinessChanged(tx, await holdersOf(tx, id), `${input.name} changed`, now);
    const validity = validityChange(stored, input);
    const renewBefore = existing.filter((c) => c.renew && wanted.has(c.courseSlug)).map((c) => c.courseSlug);
    const renewNow = input.courses.filter((c) => c.renew).map((c) => c.slug);
    const renew = renewBefore.sort().join() === [...renewNow].sort().join() ? {} : { renewCourses: renewNow };
    const changes = { added, removed: removed.map((c) => c.courseSlug), madeRequired, ...validity, ...renew };
    await recordAudit({ action: "curriculum.updated", actor: ctx.actor, target: input.name, ip: ctx.ip, details: { curriculumId: id, ...changes } }, tx);
    return changes;
  });
  return changes;
}

/** The validity settings an edit changed, for the audit log (empty when none did). */
function validityChange(before: { validityMonths: number | null; renewalNoticeDays: number }, input: CurriculumInput) {
  const changed: { validityMonths?: { from: number | null; to: number | null }; renewalNoticeDays?: { from: number; to: number } } = {};
  if (input.validityMonths !== undefined && input.validityMonths !== before.validityMonths)
    changed.validityMonths = { from: before.validityMonths, to: input.validityMonths };
  if (input.renewalNoticeDays !== undefined && input.renewalNoticeDays !== before.renewalNoticeDays)
    changed.renewalNoticeDays = { from: before.renewalNoticeDays, to: input.renewalNoticeDays };
  return changed;
}

/** Archived curricula stop counting for everyone and stop assigning; nothing is deleted. */
export async function archiveCurriculum(id: string, ctx: AuditContext, now = new Date()) {
  const c = await prisma.$transaction(async (tx) => {
    const c = await tx.curriculum.update({ where: { id }, data: { archivedAt: now }, select: { name: true } });
    await readinessChanged(tx, await holdersOf(tx, id), `${c.name} archived`, now);
    return c;
  });
  await recordAudit({ action: "curriculum.archived", actor: ctx.actor, target: c.name, ip: ctx.ip, details: { curriculumId: id } });
}

/** Restoring brings back every open assignment and lets its rules catch up with people who joined meanwhile. */
export async function restoreCurriculum(id: string, ctx: AuditContext, now = new Date()) {
  const { name, sync } = await prisma.$transaction(
    async (tx) => {
      const c = await tx.curriculum.update({ where: { id }, data: { archivedAt: null }, select: { name: true } });
      const rules = await tx.assignmentRule.findMany({ where: { curriculumId: id, endedAt: null }, select: { id: true } });
      const sync = rules.length > 0 ? await syncRuleAssignments(tx, "all", { now, ruleIds: rules.map((r) => r.id) }) : { added: 0, ended: 0, granted: [] };
      await readinessChanged(tx, await holdersOf(tx, id), `${c.name} restored`, now);
      // Open periods come back as they were (nothing new to hear); people who joined a group meanwhile are told.
      await tellNewHolders(tx, sync.granted, now, null);
      return { name: c.name, sync: { added: sync.added, ended: sync.ended } };
    },
    { timeout: 60_000 },
  );
  await recordAudit({ action: "curriculum.restored", actor: ctx.actor, target: name, ip: ctx.ip, details: { curriculumId: id, ...sync } });
}
