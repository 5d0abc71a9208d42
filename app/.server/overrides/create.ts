import type { OverrideKind, Role } from "~/generated/prisma/enums";
import { recordAudit } from "../audit/audit";
import { getCourse } from "../content/catalog";
import type { AssignedCurriculumView } from "../curricula/assigned";
import { assignedCoursesFor } from "../curricula/assigned-courses";
import { startOfDayUTC } from "../curricula/due-dates";
import { prisma } from "../db";
import { eventIdFrom, publishEvents } from "../integrations/events";
import { readinessChanged } from "../readiness/upkeep";
import { teamIds } from "../readiness/load";
import { OverrideFormSchema, type OverrideForm } from "./schema";

export type OverrideActor = { id: string; name: string; email: string; role: Role };

export type OverrideOutcome = { kind: "created"; message: string } | { kind: "invalid"; fieldErrors: Record<string, string> } | { kind: "not-found" };

type Target = { kind: OverrideKind; courseSlug: string; lessonSlug: string | null; extraAttempts: number | null; dueDate: Date | null; message: string };

/** What the form asks for, checked against what the person holds; field errors otherwise (pure). */
function overrideTarget(input: OverrideForm, held: AssignedCurriculumView[], today: Date): Target | { fieldErrors: Record<string, string> } {
  if (input.intent === "grant-attempts") {
    const [courseSlug = "", lessonSlug = ""] = input.quiz.split("/");
    const course = getCourse(courseSlug);
    const lesson = course?.lessons.find((l) => l.slug === lessonSlug && l.quiz);
    if (!course || !lesson) return { fieldErrors: { quiz: "Choose one of the quizzes listed." } };
    const n = input.attempts;
    return {
      kind: "EXTRA_ATTEMPTS",
      courseSlug,
      lessonSlug,
      extraAttempts: n,
      dueDate: null,
      message: `Allowed ${n} more ${n === 1 ? "attempt" : "attempts"} at the quiz in ${lesson.title}.`,
    };
  }
  const entries = held.flatMap((c) => c.courses.filter((x) => x.slug === input.course));
  const first = entries[0];
  if (!first) return { fieldErrors: { course: "Choose one of the person's assigned courses." } };
  if (entries.some((e) => e.completed)) return { fieldErrors: { course: `${first.title} is already complete.` } };
  if (input.intent === "extend-due") {
    const dueDate = new Date(`${input.dueDate}T00:00:00Z`);
    if (Number.isNaN(dueDate.getTime())) return { fieldErrors: { dueDate: "Pick the new due date." } };
    if (dueDate < startOfDayUTC(today)) return { fieldErrors: { dueDate: "Pick a day from today on." } };
    return {
      kind: "DUE_DATE",
      courseSlug: input.course,
      lessonSlug: null,
      extraAttempts: null,
      dueDate,
      message: `New due date for ${first.title}: ${input.dueDate}.`,
    };
  }
  if (!entries.some((e) => e.required)) return { fieldErrors: { course: `${first.title} is optional: there is nothing to waive.` } };
  if (entries.some((e) => e.waived)) return { fieldErrors: { course: `${first.title} is already waived.` } };
  return {
    kind: "WAIVER",
    courseSlug: input.course,
    lessonSlug: null,
    extraAttempts: null,
    dueDate: null,
    message: `${first.title} is waived: it no longer holds this person back.`,
  };
}

const auditAction: Record<OverrideKind, string> = { EXTRA_ATTEMPTS: "override.extra-attempts", DUE_DATE: "override.due-date", WAIVER: "override.waiver" };

/**
 * Record one override for a person, by their manager (anyone in their team, directly or below) or HR, with
 * its audit event, in one transaction. The team check runs inside it. Someone outside the team is not found.
 */
const causeOf: Record<string, string> = { EXTRA_ATTEMPTS: "More attempts granted", DUE_DATE: "Due date extended", WAIVER: "Course waived" };

export async function makeOverride(
  actor: OverrideActor,
  personId: string,
  form: FormData,
  ctx: { ip: string | null },
  now = new Date(),
): Promise<OverrideOutcome> {
  const parsed = OverrideFormSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
    return { kind: "invalid", fieldErrors };
  }
  const held = await assignedCoursesFor(personId, now);
  return prisma.$transaction(async (tx) => {
    const person = await tx.person.findUnique({ where: { id: personId }, select: { id: true, email: true } });
    if (!person) return { kind: "not-found" as const };
    if (actor.role !== "HR" && !(await teamIds(actor.id, true, tx)).includes(personId)) return { kind: "not-found" as const };
    if (person.id === actor.id) return { kind: "invalid" as const, fieldErrors: { form: "You cannot make an exception for yourself." } };
    const target = overrideTarget(parsed.data, held, now);
    if ("fieldErrors" in target) return { kind: "invalid" as const, fieldErrors: target.fieldErrors };
    const { message, ...row } = target;
    const reason = parsed.data.reason;
    const created = await tx.override.create({
      data: { ...row, personId, reason, createdById: actor.id, createdByName: actor.name, createdAt: now },
      select: { id: true },
    });
    if (row.kind === "WAIVER")
      await publishEvents(
        tx,
        [{ type: "course.waived", personId, courseSlug: row.courseSlug, reason, eventId: eventIdFrom(`course.waived:${created.id}`) }],
        now,
      );
    await readinessChanged(tx, [personId], `${causeOf[row.kind]} by ${actor.name}`, now);
    await recordAudit(
      {
        action: auditAction[row.kind],
        actor,
        target: person.email,
        ip: ctx.ip,
        details: {
          course: row.courseSlug,
          lesson: row.lessonSlug,
          extraAttempts: row.extraAttempts,
          dueDate: row.dueDate?.toISOString().slice(0, 10) ?? null,
          reason,
        },
      },
      tx,
    );
    return { kind: "created" as const, message };
  });
}
