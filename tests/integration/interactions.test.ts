import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "~/.server/db";
import {
  ChecklistIntentSchema,
  getInteractions,
  readChecklistItems,
  saveChecklist,
  saveScenarioChoice,
  ScenarioIntentSchema,
} from "~/.server/progress/interactions";
import { createTestPerson } from "../factories";

// A lesson with two scenarios (3 and 2 choices) and one checklist of 4 items.
const lesson = { scenarios: [3, 2], checklists: [4] };
let where: { personId: string; courseSlug: string; lessonSlug: string };

beforeEach(async () => {
  const person = await createTestPerson();
  where = { personId: person.id, courseSlug: "internal-customer-service", lessonSlug: "colleagues-are-customers" };
});

describe("scenario choices", () => {
  it("keeps the first choice and reports a different later one without saving it", async () => {
    expect(await saveScenarioChoice({ ...where, scenario: 2, choice: 1 }, lesson)).toEqual({ kind: "saved", choice: 1 });
    expect(await saveScenarioChoice({ ...where, scenario: 2, choice: 0 }, lesson)).toEqual({ kind: "already-chosen", choice: 1 });
    expect(await saveScenarioChoice({ ...where, scenario: 2, choice: 1 }, lesson)).toEqual({ kind: "saved", choice: 1 });
    expect(await getInteractions(where.personId, where.courseSlug, where.lessonSlug)).toEqual({ scenarios: { "2": 1 }, checklists: {} });
  });

  it("keeps exactly one choice when two first choices race", async () => {
    const outcomes = await Promise.all([0, 1, 2].map((choice) => saveScenarioChoice({ ...where, scenario: 1, choice }, lesson)));
    const saved = outcomes.filter((o) => o.kind === "saved");
    expect(saved).toHaveLength(1);
    const { scenarios } = await getInteractions(where.personId, where.courseSlug, where.lessonSlug);
    expect(outcomes.every((o) => "choice" in o && o.choice === scenarios["1"])).toBe(true);
  });

  it("answers a scenario or choice the lesson does not have with an outcome, and writes nothing", async () => {
    expect(await saveScenarioChoice({ ...where, scenario: 3, choice: 0 }, lesson)).toEqual({ kind: "no-such-scenario" });
    expect(await saveScenarioChoice({ ...where, scenario: 0, choice: 0 }, lesson)).toEqual({ kind: "no-such-scenario" });
    expect(await saveScenarioChoice({ ...where, scenario: 2, choice: 2 }, lesson)).toEqual({ kind: "no-such-choice" });
    expect(await saveScenarioChoice({ ...where, scenario: 1, choice: -1 }, lesson)).toEqual({ kind: "no-such-choice" });
    expect(await prisma.lessonInteraction.count({ where: { personId: where.personId } })).toBe(0);
  });
});

describe("checklists", () => {
  it("replaces the ticked set on every save, without duplicates and in item order", async () => {
    expect(await saveChecklist({ ...where, checklist: 1, items: [3, 0, 3] }, lesson)).toEqual({ kind: "saved", items: [0, 3] });
    expect(await saveChecklist({ ...where, checklist: 1, items: [1] }, lesson)).toEqual({ kind: "saved", items: [1] });
    expect((await getInteractions(where.personId, where.courseSlug, where.lessonSlug)).checklists).toEqual({ "1": [1] });
    expect(await saveChecklist({ ...where, checklist: 1, items: [] }, lesson)).toEqual({ kind: "saved", items: [] });
    expect((await getInteractions(where.personId, where.courseSlug, where.lessonSlug)).checklists).toEqual({ "1": [] });
  });

  it("refuses a checklist or item the lesson does not have, and writes nothing", async () => {
    expect(await saveChecklist({ ...where, checklist: 2, items: [0] }, lesson)).toEqual({ kind: "no-such-checklist" });
    expect(await saveChecklist({ ...where, checklist: 1, items: [0, 4] }, lesson)).toEqual({ kind: "no-such-item" });
    expect(await prisma.lessonInteraction.count({ where: { personId: where.personId } })).toBe(0);
  });

  it("survives two first saves at once", async () => {
    await Promise.all([saveChecklist({ ...where, checklist: 1, items: [0] }, lesson), saveChecklist({ ...where, checklist: 1, items: [1] }, lesson)]);
    const { checklists } = await getInteractions(where.personId, where.courseSlug, where.lessonSlug);
    expect([[0], [1]]).toContainEqual(checklists["1"]);
  });
});

describe("reading interactions back", () => {
  it("keeps each learner's and each lesson's apart, and skips a stored value that no longer parses", async () => {
    const other = await createTestPerson();
    await saveScenarioChoice({ ...where, scenario: 1, choice: 2 }, lesson);
    await saveScenarioChoice({ ...where, lessonSlug: "the-relay-hand-off", scenario: 1, choice: 0 }, lesson);
    await saveChecklist({ ...where, personId: other.id, checklist: 1, items: [2] }, lesson);
    await prisma.lessonInteraction.create({ data: { ...where, kind: "CHECKLIST", key: "1", value: '["not a number"]' } });
    expect(await getInteractions(where.personId, where.courseSlug, where.lessonSlug)).toEqual({ scenarios: { "1": 2 }, checklists: {} });
    expect(await getInteractions(other.id, where.courseSlug, where.lessonSlug)).toEqual({ scenarios: {}, checklists: { "1": [2] } });
  });
});

describe("the form fields", () => {
  const form = (fields: [string, string][]) => {
    const f = new FormData();
    for (const [k, v] of fields) f.append(k, v);
    return f;
  };

  it("parses the scenario and checklist intents", () => {
    expect(ScenarioIntentSchema.parse({ intent: "scenario", scenario: "2", choice: "0" })).toEqual({ intent: "scenario", scenario: 2, choice: 0 });
    expect(ScenarioIntentSchema.safeParse({ intent: "scenario", scenario: "0", choice: "0" }).success).toBe(false);
    expect(ScenarioIntentSchema.safeParse({ intent: "scenario", scenario: "1", choice: "1.5" }).success).toBe(false);
    expect(ChecklistIntentSchema.parse({ intent: "checklist", checklist: "1" })).toEqual({ intent: "checklist", checklist: 1 });
    expect(ChecklistIntentSchema.safeParse({ intent: "checklist", checklist: "x" }).success).toBe(false);
  });

  it("reads every ticked item, none, or refuses anything but whole numbers", () => {
    expect(
      readChecklistItems(
        form([
          ["intent", "checklist"],
          ["items", "0"],
          ["items", "3"],
        ]),
      ),
    ).toEqual([0, 3]);
    expect(readChecklistItems(form([["intent", "checklist"]]))).toEqual([]);
    for (const bad of ["-1", "1.5", "", "two", "1e3", "99999999999999999999"]) {
      expect(
        readChecklistItems(
          form([
            ["items", "0"],
            ["items", bad],
          ]),
        ),
      ).toBeNull();
    }
  });
});
