import { z } from "zod";
import type { Role } from "~/generated/prisma/enums";
import { findLesson } from "../content/catalog";
import { submitQuizAttempt } from "./attempts";
import { readAnswers } from "./grading";
import { courseAccess, lockedMessage } from "./lesson-view";
import { completeLesson, saveReflection } from "./progress";

const IntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("complete") }),
  z.object({ intent: z.literal("acknowledge"), confirm: z.literal("yes", { errorMap: () => ({ message: "Tick the box to confirm." }) }) }),
  z.object({ intent: z.literal("submit-quiz"), attempt: z.coerce.number().int().min(1).max(100) }),
  z.object({
    intent: z.literal("reflection"),
    reflectionId: z.string().regex(/^[a-z0-9-]{1,60}$/),
    text: z.string().max(2000, "Keep your note under 2,000 characters."),
  }),
]);

export type LessonActionResult =
  | { ok: true; kind: "completed" | "reflection-saved" | "graded" }
  | { ok: false; message: string; status: number };

const fail = (message: string, status = 400): LessonActionResult => ({ ok: false, message, status });

/** Everything a learner can do on a lesson page, checked against the lesson's own completion rule. */
export async function performLessonAction(
  person: { id: string; role: Role },
  courseSlug: string,
  lessonSlug: string,
  form: FormData,
): Promise<LessonActionResult | null> {
  const access = await courseAccess(person, courseSlug);
  if (!access) return null;
  if (access.waitingFor) return fail(lockedMessage(access.waitingFor), 403);
  const found = findLesson(courseSlug, lessonSlug);
  if (!found) return null;
  const { course, lesson } = found;
  const parsed = IntentSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return fail(parsed.error.issues[0]?.message ?? "That action is not available here.");
  const progress = { personId: person.id, courseSlug, lessonSlug, courseVersion: course.version };

  switch (parsed.data.intent) {
    case "complete":
    case "acknowledge":
      if (lesson.completion !== (parsed.data.intent === "complete" ? "view" : "acknowledge")) {
        return fail("This lesson is completed another way.");
      }
      await completeLesson(progress);
      return { ok: true, kind: "completed" };
    case "reflection":
      await saveReflection({ personId: person.id, courseSlug, lessonSlug, reflectionId: parsed.data.reflectionId, text: parsed.data.text });
      return { ok: true, kind: "reflection-saved" };
    case "submit-quiz": {
      if (!lesson.quiz) return fail("This lesson has no quiz.");
      const { answers, unanswered } = readAnswers(lesson.quiz, form);
      if (unanswered.length > 0) {
        const numbers = unanswered.map((id) => lesson.quiz!.questions.findIndex((q) => q.id === id) + 1);
        return fail(`Please answer every question before submitting (missing: ${numbers.join(", ")}).`);
      }
      const outcome = await submitQuizAttempt({ personId: person.id, course, lesson, attemptNumber: parsed.data.attempt, answers });
      if (outcome.kind === "limit-reached") return fail("You have used every attempt for this quiz.", 409);
      if (outcome.kind === "invalid") return fail(outcome.message, 409);
      return { ok: true, kind: "graded" };
    }
  }
}
