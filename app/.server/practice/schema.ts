import { z } from "zod";
import { text } from "../forms/text";

/** What a learner sends when a practice task is ready for observation. */
export const PracticeSubmitSchema = z.object({
  intent: z.literal("practice-submit"),
  note: text({ multiline: true }).max(1000, "Keep the note to 1,000 characters or fewer.").default(""),
  link: text()
    .max(500, "Keep the link to 500 characters or fewer.")
    .refine((v) => v === "" || /^https?:\/\/\S+$/i.test(v), "A link starts with http:// or https://.")
    .default(""),
});

/** A reviewer's decision: sign off, or return with coaching notes (then a note is required). */
export const PracticeReviewSchema = z
  .object({
    decision: z.enum(["sign-off", "return"], { errorMap: () => ({ message: "Choose to sign off or to return it." }) }),
    comment: text({ multiline: true }).max(1000, "Keep the comment to 1,000 characters or fewer.").default(""),
  })
  .refine((v) => v.decision === "sign-off" || v.comment.length > 0, {
    message: "Say what to work on: the learner sees these notes.",
    path: ["comment"],
  });

/** Ticked criteria arrive as repeated `criteria` fields holding their indexes. */
export function readCriteria(form: FormData, count: number): number[] | null {
  const values = form.getAll("criteria").map((v) => (typeof v === "string" && /^\d{1,2}$/.test(v) ? Number(v) : -1));
  if (values.some((v) => v < 0 || v >= count)) return null;
  return [...new Set(values)].sort((a, b) => a - b);
}
