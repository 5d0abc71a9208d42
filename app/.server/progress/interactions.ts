import { z } from "zod";
import type { InteractionKind } from "~/generated/prisma/enums";
import { prisma } from "../db";
import { isUniqueViolation } from "../db-errors";

/**
 * What a learner did with a lesson's practice components: the option they chose in each <Scenario> and the
 * items they ticked in each <Checklist>. Components are found by the index the content compiler gave them
 * (1, 2, … per lesson); the lesson's `scenarios` / `checklists` counts say which indexes exist.
 */

export const ScenarioIntentSchema = z.object({
  intent: z.literal("scenario"),
  scenario: z.coerce.number().int().min(1),
  choice: z.coerce.number().int().min(0),
});

export const ChecklistIntentSchema = z.object({
  intent: z.literal("checklist"),
  checklist: z.coerce.number().int().min(1),
});

/** The ticked items of a checklist form (`items` repeated); null when any value is not a whole number ≥ 0. */
export function readChecklistItems(form: FormData): number[] | null {
  const items: number[] = [];
  for (const value of form.getAll("items")) {
    if (typeof value !== "string" || !/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) return null;
    items.push(Number(value));
  }
  return items;
}

type Where = { personId: string; courseSlug: string; lessonSlug: string };

const uniqueKey = (where: Where, kind: InteractionKind, key: number) => ({
  personId_courseSlug_lessonSlug_kind_key: { ...where, kind, key: String(key) },
});

const ChoiceValue = z.number().int().min(0);
const TickedValue = z.array(z.number().int().min(0));

// A stored value that no longer parses counts as not saved: practice is never worth an error page.
function parseValue<T>(json: string, schema: z.ZodType<T>): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export type ScenarioOutcome =
  | { kind: "saved"; choice: number }
  /** A choice was made before; it stands (a scenario is answered once, like in the moment). */
  | { kind: "already-chosen"; choice: number }
  | { kind: "no-such-scenario" }
  | { kind: "no-such-choice" };

/** Keep the learner's first choice in a scenario. Choosing again the same option is harmless. */
export async function saveScenarioChoice(input: Where & { scenario: number; choice: number }, lesson: { scenarios: number[] }): Promise<ScenarioOutcome> {
  const { scenario, choice, ...where } = input;
  const choices = lesson.scenarios[scenario - 1];
  if (choices === undefined || scenario < 1) return { kind: "no-such-scenario" };
  if (choice < 0 || choice >= choices) return { kind: "no-such-choice" };
  try {
    await prisma.lessonInteraction.create({ data: { ...where, kind: "SCENARIO", key: String(scenario), value: JSON.stringify(choice) } });
    return { kind: "saved", choice };
  } catch (error) {
    // The unique index decides between two racing first choices: whichever row exists is the choice.
    if (!isUniqueViolation(error)) throw error;
  }
  const kept = await prisma.lessonInteraction.findUniqueOrThrow({ where: uniqueKey(where, "SCENARIO", scenario), select: { value: true } });
  const keptChoice = parseValue(kept.value, ChoiceValue) ?? choice;
  return keptChoice === choice ? { kind: "saved", choice } : { kind: "already-chosen", choice: keptChoice };
}

export type ChecklistOutcome = { kind: "saved"; items: number[] } | { kind: "no-such-checklist" } | { kind: "no-such-item" };

/** Replace the ticked items of one checklist (duplicates dropped, kept in item order). */
export async function saveChecklist(input: Where & { checklist: number; items: number[] }, lesson: { checklists: number[] }): Promise<ChecklistOutcome> {
  const { checklist, items, ...where } = input;
  const size = lesson.checklists[checklist - 1];
  if (size === undefined || checklist < 1) return { kind: "no-such-checklist" };
  if (items.some((i) => !Number.isInteger(i) || i < 0 || i >= size)) return { kind: "no-such-item" };
  const ticked = [...new Set(items)].sort((a, b) => a - b);
  const value = JSON.stringify(ticked);
  const key = uniqueKey(where, "CHECKLIST", checklist);
  try {
    await prisma.lessonInteraction.upsert({ where: key, create: { ...where, kind: "CHECKLIST", key: String(checklist), value }, update: { value } });
  } catch (error) {
    // Two first saves raced to create the row: the later one updates it instead.
    if (!isUniqueViolation(error)) throw error;
    await prisma.lessonInteraction.update({ where: key, data: { value } });
  }
  return { kind: "saved", items: ticked };
}

export type LessonInteractions = { scenarios: Record<string, number>; checklists: Record<string, number[]> };

/** One learner's saved choices and ticks for one lesson, keyed by component index ("1", "2", …). */
export async function getInteractions(personId: string, courseSlug: string, lessonSlug: string): Promise<LessonInteractions> {
  const rows = await prisma.lessonInteraction.findMany({
    where: { personId, courseSlug, lessonSlug },
    select: { kind: true, key: true, value: true },
  });
  const result: LessonInteractions = { scenarios: {}, checklists: {} };
  for (const row of rows) {
    if (row.kind === "SCENARIO") {
      const choice = parseValue(row.value, ChoiceValue);
      if (choice !== undefined) result.scenarios[row.key] = choice;
    } else if (row.kind === "CHECKLIST") {
      const items = parseValue(row.value, TickedValue);
      if (items !== undefined) result.checklists[row.key] = items;
    }
  }
  return result;
}
