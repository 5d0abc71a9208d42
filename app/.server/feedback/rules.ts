import { z } from "zod";
import { ConfidenceMoment, FeedbackStatus } from "~/generated/prisma/enums";
import type { CourseState } from "../progress/completion";
import { emptyToUndefined } from "../forms/parse";
import { text } from "../forms/text";

const TEXT_LIMIT = 1000;
export { ConfidenceMoment, FeedbackStatus };

const scale = (message: string) =>
  z.preprocess(emptyToUndefined, z.coerce.number({ required_error: message, invalid_type_error: message }).int(message).min(1, message).max(5, message));
const optionalText = (message: string) => z.preprocess(emptyToUndefined, text({ multiline: true }).max(TEXT_LIMIT, message).optional());
const checkbox = z.preprocess((v) => v === "on" || v === "yes" || v === "true", z.boolean());

/** "Was this useful?" and "What would make it better?" at the end of a lesson. */
export const LessonFeedbackFormSchema = z.object({
  rating: scale("Choose how useful the lesson was, from 1 to 5."),
  comment: optionalText(`Keep it to ${TEXT_LIMIT.toLocaleString("en")} characters or fewer.`),
  anonymous: checkbox,
});
export type LessonFeedbackInput = z.output<typeof LessonFeedbackFormSchema>;

/** The course's confidence question, before starting or after finishing. */
export const ConfidenceFormSchema = z.object({
  moment: z.nativeEnum(ConfidenceMoment, { errorMap: () => ({ message: "This question is not open." }) }),
  value: scale("Choose how confident you are, from 1 to 5."),
});
export type ConfidenceInput = z.output<typeof ConfidenceFormSchema>;

/** An owner's or HR's answer to a comment: its status and a reply the learner may see. */
export const FeedbackAnswerSchema = z
  .object({
    feedbackId: z.string({ required_error: "Not found." }).min(1, "Not found."),
    status: z.nativeEnum(FeedbackStatus, { errorMap: () => ({ message: "Choose a status." }) }),
    reply: optionalText(`Keep the reply to ${TEXT_LIMIT.toLocaleString("en")} characters or fewer.`),
  })
  .superRefine((value, ctx) => {
    // Closing the loop means saying what happened: the learner reads this reply.
    if ((value.status === "CHANGED" || value.status === "DECLINED") && !value.reply) {
      const message = value.status === "CHANGED" ? "Say what you changed." : "Say why you decided not to change it.";
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["reply"], message });
    }
  });
export type FeedbackAnswer = z.output<typeof FeedbackAnswerSchema>;

export type EarlierNamed = { id: string; status: FeedbackStatus; comment: string | null };

/**
 * What a named submission does to the person's latest named feedback on the lesson: one row per person and
 * lesson, updated in place — except that a comment already answered is kept as it was answered, so a new
 * comment then starts a fresh row, which takes over the rating (one rating per person and lesson).
 */
export type NamedPlan = { kind: "create" } | { kind: "update"; id: string; comment: string | null | undefined } | { kind: "follow-up"; previousId: string };

export function planNamedFeedback(earlier: EarlierNamed | null, comment: string | undefined): NamedPlan {
  if (!earlier) return { kind: "create" };
  if (earlier.status === "NEW") return { kind: "update", id: earlier.id, comment: comment ?? null };
  if (!comment || comment === earlier.comment) return { kind: "update", id: earlier.id, comment: undefined };
  return { kind: "follow-up", previousId: earlier.id };
}

/** Which confidence question is open: before the learner starts, and again once they have finished. */
export function openConfidenceMoment(state: CourseState, answered: readonly ConfidenceMoment[]): ConfidenceMoment | null {
  if (state === "not_started") return answered.includes("BEFORE") ? null : "BEFORE";
  if (state === "completed") return answered.includes("AFTER") ? null : "AFTER";
  return null;
}
