import { z } from "zod";
import type { Role } from "~/generated/prisma/enums";
import { findLesson } from "../content/catalog";
import { text } from "../forms/text";
import { PracticeSubmitSchema } from "../practice/schema";
import { submitPractice } from "../practice/submissions";
import { startAttempt, submitAttempt, type StartOutcome, type SubmitOutcome } from "../quiz/attempts";
import { ChecklistIntentSchema, readChecklistItems, saveChecklist, saveScenarioChoice, ScenarioIntentSchema } from "./interactions";
import { courseAccess, lockedMessage } from "./lesson-view";
import { finishLesson, openLesson, saveReflection } from "./progress";

const attempt = z.coerce.number({ invalid_type_error: "The attempt number is missing." }).int().min(1).max(1000);

const IntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("open") }),
  z.object({ intent: z.literal("complete") }),
  z.object({ intent: z.literal("acknowledge"), confirm: z.literal("yes", { errorMap: () => ({ message: "Tick the box to confirm." }) }) }),
  z.object({ intent: z.literal("start-quiz"), attempt }),
  z.object({ intent: z.literal("submit-quiz"), attempt }),
  z.object({
    intent: z.literal("reflection"),
    reflectionId: z.string().regex(/^[a-z0-9-]{1,60}$/),
    text: text({ multiline: true }).max(2000, "Keep your note under 2,000 characters."),
  }),
  ScenarioIntentSchema,
  ChecklistIntentSchema,
  PracticeSubmitSchema,
]);

/** What a learner asked for on a lesson page, read from its form; repeated fields (answers, items) kept as sent. */
export type LessonIntent = z.infer<typeof IntentSchema> & { fields: FormData };

/** The lesson page's form as an intent, or the first thing wrong with it (nothing is done with a bad form). */
export function readLessonIntent(form: FormData): { ok: true; intent: LessonIntent } | { ok: false; message: string } {
  const parsed = IntentSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "That action is not available here." };
  return { ok: true, intent: { ...parsed.data, fields: form } };
}

/** A refusal: "invalid" (the request cannot be done as sent) or "conflict" (not now: locked, passed, used up). */
export type LessonActionResult =
  | { ok: true; kind: "opened" | "completed" | "reflection-saved" | "started" | "graded" | "saved" | "practice-submitted" }
  | { ok: false; message: string; refusal: "invalid" | "conflict" };

const fail = (message: string, refusal: "invalid" | "conflict" = "invalid"): LessonActionResult => ({ ok: false, message, refusal });

/** Everything a learner can do on a lesson page, checked against the lesson's own rules. Refusals write nothing. */
export async function performLessonAction(
  person: { id: string; email: string; role: Role },
  courseSlug: string,
  lessonSlug: string,
  intent: LessonIntent,
): Promise<LessonActionResult | null> {
  const access = await courseAccess(person, courseSlug);
  if (!access) return null;
  const found = findLesson(courseSlug, lessonSlug);
  if (!found) return null;
  if (access.waitingFor) return fail(lockedMessage(access.waitingFor), "conflict");
  const { course, lesson } = found;
  const progress = { personId: person.id, courseSlug, lessonSlug, courseVersion: course.version };
  const ref = { personId: person.id, course, lesson };

  switch (intent.intent) {
    case "open":
      await openLesson(progress);
      return { ok: true, kind: "opened" };
    case "complete":
    case "acknowledge":
      if (lesson.completion !== (intent.intent === "complete" ? "view" : "acknowledge")) {
        return fail("This lesson is completed another way.");
      }
      await finishLesson(progress);
      return { ok: true, kind: "completed" };
    case "reflection": {
      const saved = await saveReflection({ personId: person.id, courseSlug, lessonSlug, reflectionId: intent.reflectionId, text: intent.text }, lesson);
      if (saved.kind === "no-such-reflection") return fail("This lesson has no such reflection.");
      return { ok: true, kind: "reflection-saved" };
    }
    case "scenario": {
      const saved = await saveScenarioChoice(
        { personId: person.id, courseSlug, lessonSlug, scenario: intent.scenario, choice: intent.choice },
        { scenarios: lesson.scenarios ?? [] },
      );
      if (saved.kind === "no-such-scenario") return fail("This lesson has no such scenario.");
      if (saved.kind === "no-such-choice") return fail("That is not one of the scenario's options.");
      return { ok: true, kind: "saved" }; // a first choice is kept: choosing again changes nothing
    }
    case "checklist": {
      const items = readChecklistItems(intent.fields);
      if (items === null) return fail("A checklist item is not one of this checklist's items.");
      const saved = await saveChecklist(
        { personId: person.id, courseSlug, lessonSlug, checklist: intent.checklist, items },
        { checklists: lesson.checklists ?? [] },
      );
      if (saved.kind === "no-such-checklist") return fail("This lesson has no such checklist.");
      if (saved.kind === "no-such-item") return fail("A checklist item is not one of this checklist's items.");
      return { ok: true, kind: "saved" };
    }
    case "practice-submit": {
      const { note, link } = intent;
      const outcome = await submitPractice({ personId: person.id, personEmail: person.email, course, lesson, note, link });
      if (outcome.kind === "no-task") return fail("This lesson has no practice task.");
      if (outcome.kind === "already-signed-off") return fail("This task is already signed off.", "conflict");
      return { ok: true, kind: "practice-submitted" }; // a second click finds it already waiting
    }
    case "start-quiz":
      return startResult(await startAttempt({ ...ref, attemptNumber: intent.attempt }));
    case "submit-quiz":
      return submitResult(await submitAttempt({ ...ref, attemptNumber: intent.attempt, form: intent.fields }));
  }
}

function startResult(outcome: StartOutcome): LessonActionResult {
  switch (outcome.kind) {
    case "started":
    case "duplicate":
      return { ok: true, kind: "started" };
    case "no-quiz":
      return fail("This lesson has no quiz.");
    case "already-passed":
      return fail("You have already passed this quiz.", "conflict");
    case "limit-reached":
      return fail("You have used every attempt for this quiz. Your manager or HR can allow another.", "conflict");
    case "out-of-order":
      return fail(outcome.message, "conflict");
  }
}

function submitResult(outcome: SubmitOutcome): LessonActionResult {
  switch (outcome.kind) {
    case "graded":
    case "duplicate":
      return { ok: true, kind: "graded" };
    case "no-quiz":
      return fail("This lesson has no quiz.");
    case "incomplete":
    case "tampered":
      return fail(outcome.message);
    case "out-of-order":
      return fail(outcome.message, "conflict");
  }
}
