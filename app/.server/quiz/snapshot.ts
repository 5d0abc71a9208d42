/**
 * What an attempt stores: the items drawn for it, in the order shown, each with its options in the order
 * shown (keys and feedback included: this never goes to a browser whole), and, once submitted, the graded
 * result per item. Stored as JSON on QuizAttempt and parsed with zod whenever it is read.
 */
import { z } from "zod";
import { MULTIPLE_SCORING } from "../content/schema";

const AttemptOptionSchema = z.object({
  /** The option's index in the quiz file (true/false: 0 = True, 1 = False). Answers refer to this. */
  source: z.number().int().min(0),
  text: z.string(),
  correct: z.boolean(),
  feedback: z.string().optional(),
});

const AttemptItemSchema = z.object({
  id: z.string(),
  type: z.enum(["single", "multiple", "scenario", "truefalse"]),
  prompt: z.string(),
  situation: z.string().optional(),
  explanation: z.string(),
  options: z.array(AttemptOptionSchema).min(2),
});

/** The stored set of one attempt: what was asked and how it is scored. */
const AttemptSetSchema = z.object({
  passMark: z.number().int().min(1).max(100),
  scoring: z.enum(MULTIPLE_SCORING),
  items: z.array(AttemptItemSchema).min(1),
});

const ItemResultSchema = z.object({
  id: z.string(),
  /** Chosen option source indexes. */
  chosen: z.array(z.number().int().min(0)),
  correct: z.boolean(),
  /** 0..1: 1 when correct; between for partial credit on multiple-response items. */
  credit: z.number().min(0).max(1),
});
const ResultsSchema = z.array(ItemResultSchema);

export type AttemptOption = z.infer<typeof AttemptOptionSchema>;
export type AttemptItem = z.infer<typeof AttemptItemSchema>;
export type AttemptSet = z.infer<typeof AttemptSetSchema>;
/** item id -> chosen option source indexes. */
export type Answers = Record<string, number[]>;
export type ItemResult = z.infer<typeof ItemResultSchema>;

/** A stored set, or null when the row predates stored sets or the JSON is damaged. */
export function parseAttemptSet(json: string): AttemptSet | null {
  try {
    const parsed = AttemptSetSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Stored results, or null when there are none (not submitted, or an attempt from before results were stored). */
export function parseResults(json: string | null): ItemResult[] | null {
  if (json === null) return null;
  try {
    const parsed = ResultsSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
