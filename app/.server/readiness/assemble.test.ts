import { describe, expect, it } from "vitest";
import type { CatalogCourse } from "../content/schema";
import { noOverrides, quizKey } from "../overrides/effective";
import type { TallyRow } from "../progress/tally";
import { tallyRows } from "../../../tests/integration/helpers/tally-rows";
import { assembleReadiness as assembleFromTallies, type AssignedCourseRef, type AttemptStat } from "./assemble";
import { testCourse } from "../content/test-course";

const quiz = { passMark: 80, questions: [{ id: "q", type: "truefalse" as const, prompt: "?", explanation: "x", answer: true }] };
const lesson = (slug: string, completion: "view" | "quiz", title = slug) => ({
  slug,
  number: 1,
  title,
  objectives: ["o"],
  minutes: 5,
  completion,
  codeFile: "x.js",
  quizInBody: false,
  quiz: completion === "quiz" ? quiz : null,
});
const course = (slug: string, title: string): CatalogCourse =>
  testCourse({ slug, title, lessons: [lesson("intro", "view"), lesson("relay", "quiz", "Relay hand-offs")] });
const courses = new Map([
  ["ics", course("ics", "Internal customer service")],
  ["lbw", course("lbw", "Listening both ways")],
]);
const person = {
  id: "p1",
  name: "Nia",
  email: "nia@x.test",
  department: "Support",
  startDate: new Date("2026-11-02T00:00:00Z"),
  managerId: "m1",
  active: true,
  accountUsed: true,
  role: "LEARNER",
};
const now = new Date("2026-11-23T12:00:00Z");
/** From lesson rows, summed up per course as the database does for reports. */
const assembleReadiness = (p: typeof person, refs: AssignedCourseRef[], rows: TallyRow[], attempts: AttemptStat[], c: typeof courses, at: Date) =>
  assembleFromTallies(p, refs, tallyRows(rows, c), attempts, c, at);
const ref = (courseSlug: string, o: Partial<AssignedCourseRef> = {}): AssignedCourseRef => ({
  curriculumId: "c1",
  curriculumName: "Onboarding",
  courseSlug,
  required: true,
  dueDate: new Date("2026-12-20T00:00:00Z"),
  dueExtended: null,
  waived: null,
  heldSince: new Date("2026-11-02T08:00:00Z"),
  graceDays: 3,
  ...o,
});
const done = (courseSlug: string, lessonSlug: string, at = "2026-11-10"): TallyRow => ({
  courseSlug,
  lessonSlug,
  status: "COMPLETED",
  completedAt: new Date(`${at}T09:00:00Z`),
  updatedAt: new Date(`${at}T09:00:00Z`),
});

describe("assembleReadiness", () => {
  it("is ready when every required course is complete, optional ones aside", () => {
    const row = assembleReadiness(
      person,
      [ref("ics"), ref("lbw", { required: false })],
      [done("ics", "intro"), done("ics", "relay", "2026-11-12")],
      [],
      courses,
      now,
    );
    expect(row).toMatchObject({ state: "READY", reasons: [], readyAt: new Date("2026-11-12T09:00:00Z") });
    expect(row.curricula).toEqual([{ id: "c1", name: "Onboarding", requiredDone: 1, requiredWaived: 0, requiredTotal: 1 }]);
  });

  it("explains a quiz taken but not passed, with the best attempt", () => {
    const attempts: AttemptStat[] = [
      { courseSlug: "ics", lessonSlug: "relay", attempts: 2, bestScore: 60, passed: false, lastAt: new Date("2026-11-20T10:00:00Z") },
    ];
    const row = assembleReadiness(person, [ref("ics")], [done("ics", "intro")], attempts, courses, now);
    expect(row.state).toBe("ON_TRACK");
    expect(row.reasons).toEqual(["Internal customer service due 20 Dec — 1 of 2 lessons done", "Quiz in Relay hand-offs not passed — best 60 %, needs 80 %"]);
    expect(row.lastActivity).toEqual(new Date("2026-11-20T10:00:00Z"));
    expect(row.recentQuizzes).toEqual([{ lessonTitle: "Relay hand-offs", bestScore: 60, passed: false }]);
  });

  it("turns overdue the day after a required course was due", () => {
    const row = assembleReadiness(person, [ref("lbw", { dueDate: new Date("2026-11-22T00:00:00Z") })], [], [], courses, now);
    expect(row.state).toBe("OVERDUE");
    expect(row.reasons[0]).toBe("Listening both ways overdue since 22 Nov — 0 of 2 lessons done");
  });

  it("counts a person with nothing assigned as not started", () => {
    expect(assembleReadiness(person, [], [], [], courses, now)).toMatchObject({ state: "NO_CURRICULUM", reasons: ["No onboarding curriculum assigned yet"] });
  });

  it("counts a course held through two curricula once, required and due on the earlier day", () => {
    const refs = [
      ref("lbw", { required: false, dueDate: null }),
      ref("lbw", { curriculumId: "c2", curriculumName: "Front desk", dueDate: new Date("2026-11-30T00:00:00Z") }),
    ];
    const row = assembleReadiness(person, refs, [], [], courses, now);
    expect(row.courses).toHaveLength(1);
    expect(row.state).toBe("AT_RISK");
    expect(row.curricula).toEqual([
      { id: "c1", name: "Onboarding", requiredDone: 0, requiredWaived: 0, requiredTotal: 0 },
      { id: "c2", name: "Front desk", requiredDone: 0, requiredWaived: 0, requiredTotal: 1 },
    ]);
  });

  it("counts a waived required course apart from completed ones, and grants attempts from overrides", () => {
    const waived = { by: "Marcus", at: new Date("2026-11-22T09:00:00Z"), reason: "Done at a previous job" };
    const overrides = noOverrides();
    overrides.extraAttempts.set(quizKey("ics", "relay"), { count: 1, last: { by: "Marcus", at: new Date("2026-11-21T09:00:00Z"), reason: "Try again" } });
    const failed: AttemptStat[] = [
      { courseSlug: "ics", lessonSlug: "relay", attempts: 3, bestScore: 60, passed: false, lastAt: new Date("2026-11-20T10:00:00Z") },
    ];
    const row = assembleFromTallies(person, [ref("ics"), ref("lbw", { waived })], tallyRows([done("ics", "intro")], courses), failed, courses, now, overrides);
    expect(row.curricula).toEqual([{ id: "c1", name: "Onboarding", requiredDone: 0, requiredWaived: 1, requiredTotal: 2 }]);
    expect(row.courses.find((c) => c.courseSlug === "lbw")).toMatchObject({ completed: false, waived });
    expect(row.courses.find((c) => c.courseSlug === "ics")?.openQuizzes[0]).toMatchObject({ attemptsLeft: 1, granted: { count: 1, by: "Marcus" } });
    expect(row.state).toBe("ON_TRACK");
  });

  it("ignores courses that no longer exist in the library", () => {
    const row = assembleReadiness(person, [ref("gone"), ref("ics")], [done("ics", "intro"), done("ics", "relay")], [], courses, now);
    expect(row.state).toBe("READY");
  });

  it("is blocked when a quiz has no attempts left, and forgets failed attempts once the quiz is passed", () => {
    const failed: AttemptStat[] = [
      { courseSlug: "ics", lessonSlug: "relay", attempts: 3, bestScore: 60, passed: false, lastAt: new Date("2026-11-20T10:00:00Z") },
    ];
    const stuck = assembleReadiness(person, [ref("ics")], [done("ics", "intro")], failed, courses, now);
    expect(stuck.state).toBe("BLOCKED");
    expect(stuck.since).toEqual(new Date("2026-11-20T10:00:00Z"));
    expect(stuck.reasons).toContain("Quiz in Relay hand-offs failed with no attempts left — best 60 %, needs 80 %");

    const retaken: AttemptStat[] = [{ ...failed[0]!, attempts: 2, bestScore: 90 }];
    const passed = assembleReadiness(person, [ref("ics")], [done("ics", "intro"), done("ics", "relay", "2026-11-21")], retaken, courses, now);
    expect(passed).toMatchObject({ state: "READY", reasons: [] });
    expect(passed.recentQuizzes).toEqual([{ lessonTitle: "Relay hand-offs", bestScore: 90, passed: true }]);
  });
});
