import type { Role } from "~/generated/prisma/enums";
import type { CatalogCourse } from "../content/schema";
import { prisma } from "../db";
import { courseProgress, type CourseState } from "../progress/completion";
import { courseAccess } from "../progress/lesson-view";
import { getProgressRows } from "../progress/progress";
import type { LearnerFormOutcome } from "./lesson-feedback";
import { openConfidenceMoment, type ConfidenceInput } from "./rules";

const answeredMoments = async (personId: string, courseSlug: string) =>
  (await prisma.courseConfidence.findMany({ where: { personId, courseSlug }, select: { moment: true } })).map((r) => r.moment);

/** The course's confidence question if it is open for this learner now (see openConfidenceMoment), else null. */
export async function confidenceQuestionFor(personId: string, course: Pick<CatalogCourse, "slug" | "confidence">, state: CourseState) {
  const moment = openConfidenceMoment(state, await answeredMoments(personId, course.slug));
  return moment ? { moment, question: course.confidence } : null;
}

export type ConfidenceQuestion = Awaited<ReturnType<typeof confidenceQuestionFor>>;

/** A learner's answer to the confidence question that is open for them; the first answer stands. */
export async function recordConfidence(person: { id: string; role: Role }, courseSlug: string, input: ConfidenceInput): Promise<LearnerFormOutcome> {
  const access = await courseAccess(person, courseSlug);
  if (!access) return { kind: "not-found" };
  const state = courseProgress(access.course, await getProgressRows(person.id, courseSlug)).state;
  if (openConfidenceMoment(state, await answeredMoments(person.id, courseSlug)) !== input.moment) {
    return { kind: "closed", message: "This question is not open now: it is asked before you start the course and once you have finished it." };
  }
  const key = { personId: person.id, courseSlug, moment: input.moment };
  // Two quick submissions (a double click, two tabs) keep the first answer instead of failing.
  await prisma.courseConfidence.upsert({ where: { personId_courseSlug_moment: key }, create: { ...key, value: input.value }, update: {} });
  return { kind: "saved", anonymous: false };
}
