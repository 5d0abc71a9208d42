import type { Role } from "~/generated/prisma/enums";
import { prisma } from "../db";
import { courseAccess } from "../progress/lesson-view";
import { planNamedFeedback, type LessonFeedbackInput } from "./rules";

export type LearnerFormOutcome = { kind: "not-found" } | { kind: "closed"; message: string } | { kind: "saved"; anonymous: boolean };

type Learner = { id: string; role: Role };

/** The lesson, if the person may open it now (offered or assigned, not locked by an in-order curriculum). */
async function openLesson(person: Learner, courseSlug: string, lessonSlug: string) {
  const access = await courseAccess(person, courseSlug);
  if (!access || access.waitingFor) return null;
  return access.course.lessons.find((l) => l.slug === lessonSlug) ?? null;
}

const latestNamed = (personId: string, courseSlug: string, lessonSlug: string) => ({
  where: { personId, courseSlug, lessonSlug, anonymous: false },
  orderBy: [{ createdAt: "desc" as const }, { id: "desc" as const }],
});

/**
 * A learner's rating and comment on a lesson. Anonymous feedback is stored without a person id and without an
 * audit event, so nothing ties it back to them; named feedback updates the person's earlier feedback on the
 * lesson (see planNamedFeedback).
 */
export async function submitLessonFeedback(person: Learner, courseSlug: string, lessonSlug: string, input: LessonFeedbackInput): Promise<LearnerFormOutcome> {
  if (!(await openLesson(person, courseSlug, lessonSlug))) return { kind: "not-found" };
  const comment = input.comment ?? null;
  if (input.anonymous) {
    await prisma.lessonFeedback.create({ data: { courseSlug, lessonSlug, rating: input.rating, comment, anonymous: true } });
    return { kind: "saved", anonymous: true };
  }
  await prisma.$transaction(async (tx) => {
    const earlier = await tx.lessonFeedback.findFirst({ ...latestNamed(person.id, courseSlug, lessonSlug), select: { id: true, status: true, comment: true } });
    const plan = planNamedFeedback(earlier, input.comment);
    if (plan.kind === "update") {
      await tx.lessonFeedback.update({ where: { id: plan.id }, data: { rating: input.rating, comment: plan.comment } });
      return;
    }
    if (plan.kind === "follow-up") await tx.lessonFeedback.update({ where: { id: plan.previousId }, data: { rating: null } });
    await tx.lessonFeedback.create({ data: { personId: person.id, courseSlug, lessonSlug, rating: input.rating, comment } });
  });
  return { kind: "saved", anonymous: false };
}

/**
 * What the lesson's feedback form shows a learner of their own named feedback: the rating, and the comment
 * while nobody has answered it yet (an answered comment stays as it was; a new one starts afresh).
 */
export async function lessonFeedbackFor(personId: string, courseSlug: string, lessonSlug: string) {
  const row = await prisma.lessonFeedback.findFirst({
    ...latestNamed(personId, courseSlug, lessonSlug),
    select: { rating: true, comment: true, status: true },
  });
  if (!row) return null;
  return { rating: row.rating, comment: row.status === "NEW" ? row.comment : null };
}

export type MyLessonFeedback = Awaited<ReturnType<typeof lessonFeedbackFor>>;
