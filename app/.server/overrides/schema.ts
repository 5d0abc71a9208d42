import { z } from "zod";
import { text } from "../forms/text";
import { CalendarDay } from "../people/schema";

const reason = text({ multiline: true, required_error: "Give a reason: it is kept in the person's history." })
  .min(1, "Give a reason: it is kept in the person's history.")
  .max(500, "Keep the reason to 500 characters or fewer.");
const courseSlug = z.string({ required_error: "Choose a course." }).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Choose a course.");

/** The three overrides a manager (own team) or HR can make, as their forms send them. */
export const OverrideFormSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("grant-attempts"),
    quiz: z.string({ required_error: "Choose a quiz." }).regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, "Choose a quiz."),
    attempts: z.coerce
      .number({ invalid_type_error: "Enter how many attempts, 1 to 5." })
      .int("Enter a whole number of attempts.")
      .min(1, "Allow at least 1 attempt.")
      .max(5, "Allow at most 5 attempts at a time."),
    reason,
  }),
  z.object({
    intent: z.literal("extend-due"),
    course: courseSlug,
    // Kept as the text typed (the message quotes it), but only a day that exists: "2026-02-31" is an error, not 3 March.
    dueDate: z.string({ required_error: "Pick the new due date." }).trim().min(1, "Pick the new due date.").pipe(CalendarDay),
    reason,
  }),
  z.object({ intent: z.literal("waive"), course: courseSlug, reason }),
]);

export type OverrideForm = z.infer<typeof OverrideFormSchema>;
