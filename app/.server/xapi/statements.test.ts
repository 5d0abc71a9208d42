import validateStatement from "@learninglocker/xapi-validation";
import { describe, expect, it } from "vitest";
import type { IntegrationEvent } from "../integrations/events";
import { statementFor, testStatement, uuidFrom, VERBS, type Titles } from "./statements";

const origin = "https://baton.example.com";
const now = new Date("2026-11-24T09:00:00.000Z");
const titles: Titles = { course: (s) => `Course ${s}`, lesson: (_c, l) => `Lesson ${l}` };
const lesson = { personId: "person-1", courseSlug: "customer-basics", lessonSlug: "greeting" };

/** The learninglocker validator's problems, as readable paths (an empty list is a valid xAPI 1.0.3 statement). */
const problems = (statement: unknown) => validateStatement(statement).map((w) => `${w.path.join(".")}: ${w.message}`);

const cases: [string, IntegrationEvent, string][] = [
  ["lesson completed", { type: "lesson.completed", ...lesson }, VERBS.completed.id],
  ["course completed", { type: "course.completed", personId: "person-1", courseSlug: "customer-basics" }, VERBS.completed.id],
  ["quiz passed", { type: "quiz.graded", ...lesson, attemptId: "a1", score: 85, passed: true }, VERBS.passed.id],
  ["quiz failed", { type: "quiz.graded", ...lesson, attemptId: "a2", score: 40, passed: false }, VERBS.failed.id],
  ["practice signed off", { type: "practice.signed_off", ...lesson, submissionId: "s1" }, VERBS.satisfied.id],
  ["practice waived", { type: "practice.waived", ...lesson }, VERBS.waived.id],
  ["course waived", { type: "course.waived", personId: "person-1", courseSlug: "customer-basics", reason: "Prior experience" }, VERBS.waived.id],
];

describe("statements", () => {
  it.each(cases)("%s is a valid xAPI statement with the right verb and the actor as an account", (_label, event, verb) => {
    const statement = statementFor(event, "evt_1", now, origin, titles);
    expect(statement).not.toBeNull();
    expect(problems(statement)).toEqual([]);
    expect(statement!.verb.id).toBe(verb);
    expect(statement!.actor).toEqual({ objectType: "Agent", account: { homePage: origin, name: "person-1" } });
    expect(JSON.stringify(statement)).not.toMatch(/mbox|@/);
    expect(statement!.object.id.startsWith(`${origin}/xapi/activities/course/customer-basics`)).toBe(true);
    expect(statement!.context.platform).toBe("Baton");
    expect(statement!.timestamp).toBe(now.toISOString());
  });

  it("carries the quiz score as scaled, raw, min and max, and success", () => {
    const statement = statementFor({ type: "quiz.graded", ...lesson, attemptId: "a1", score: 85, passed: true }, "evt_q", now, origin, titles)!;
    expect(statement.result).toEqual({ success: true, completion: true, score: { scaled: 0.85, raw: 85, min: 0, max: 100 } });
    expect(statement.object.definition).toEqual({ type: "http://adlnet.gov/expapi/activities/assessment", name: { "en-US": "Quiz: Lesson greeting" } });
  });

  it("has an id derived from the cause: the same event, the same id", () => {
    const event: IntegrationEvent = { type: "lesson.completed", ...lesson };
    const first = statementFor(event, "evt_a", now, origin, titles)!;
    expect(statementFor(event, "evt_a", new Date(now.getTime() + 60_000), origin, titles)!.id).toBe(first.id);
    expect(statementFor(event, "evt_b", now, origin, titles)!.id).not.toBe(first.id);
    expect(uuidFrom("x")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("is not made for events an LRS has no use for", () => {
    expect(statementFor({ type: "person.created", personId: "p" }, "evt", now, origin, titles)).toBeNull();
    expect(statementFor({ type: "readiness.changed", personId: "p", from: null, to: "READY", cause: "x" }, "evt", now, origin, titles)).toBeNull();
  });

  it("makes a valid test statement", () => {
    expect(problems(testStatement("hr-1", "t1", now, origin))).toEqual([]);
  });

  it("would be caught by the validator if it were wrong", () => {
    const statement = statementFor({ type: "lesson.completed", ...lesson }, "evt", now, origin, titles)!;
    expect(problems({ ...statement, id: "nope" })).not.toEqual([]);
  });
});
