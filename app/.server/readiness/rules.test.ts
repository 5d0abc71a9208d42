import { describe, expect, it } from "vitest";
import { computeReadiness, type AssignedCourse } from "./rules";

const now = new Date("2026-11-23T10:00:00Z");
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

function course(overrides: Partial<AssignedCourse> = {}): AssignedCourse {
  return {
    curriculumName: "Onboarding",
    courseSlug: "listening",
    courseTitle: "Listening both ways",
    required: true,
    dueDate: day("2026-12-20"),
    lessonsDone: 2,
    lessonsTotal: 5,
    completed: false,
    completedAt: null,
    openQuizzes: [],
    started: true,
    ...overrides,
  };
}

describe("computeReadiness", () => {
  it("is Ready when every required course is complete, since the last completion", () => {
    const r = computeReadiness(
      [
        course({ completed: true, lessonsDone: 5, completedAt: new Date("2026-11-20T09:00:00Z") }),
        course({ courseSlug: "b", completed: true, lessonsDone: 5, completedAt: new Date("2026-11-21T15:00:00Z") }),
      ],
      now,
    );
    expect(r).toEqual({ state: "READY", reasons: [], since: new Date("2026-11-21T15:00:00Z") });
  });

  it("does not let an unfinished optional course hold anyone back", () => {
    const r = computeReadiness([course({ completed: true, completedAt: now }), course({ required: false, dueDate: day("2026-11-01") })], now);
    expect(r.state).toBe("READY");
  });

  it("is Overdue when a required course is past due, naming it and since when", () => {
    const r = computeReadiness([course({ dueDate: day("2026-11-20") }), course({ courseTitle: "Later", dueDate: day("2026-12-30") })], now);
    expect(r.state).toBe("OVERDUE");
    expect(r.reasons[0]).toBe("Listening both ways overdue since 20 Nov — 2 of 5 lessons done");
    expect(r.reasons[1]).toBe("Later due 30 Dec — 2 of 5 lessons done");
    expect(r.since).toEqual(day("2026-11-21"));
  });

  it("counts a course due today as at risk, not overdue", () => {
    expect(computeReadiness([course({ dueDate: day("2026-11-23") })], now).state).toBe("AT_RISK");
  });

  it("is At risk when a required course is due within 7 days", () => {
    const r = computeReadiness([course({ dueDate: day("2026-11-30") })], now);
    expect(r).toMatchObject({ state: "AT_RISK", reasons: ["Listening both ways due 30 Nov — 2 of 5 lessons done"], since: day("2026-11-23") });
    expect(computeReadiness([course({ dueDate: day("2026-12-01") })], now).state).toBe("ON_TRACK");
  });

  it("explains a failed quiz with the best score and the pass mark", () => {
    const r = computeReadiness(
      [course({ courseTitle: "Internal customer service", openQuizzes: [{ lessonTitle: "Relay hand-offs", bestScore: 60, passMark: 80, passed: false, attemptsLeft: 2 }] })],
      now,
    );
    expect(r.state).toBe("ON_TRACK");
    expect(r.reasons).toContain("Quiz in Relay hand-offs not passed — best 60 %, needs 80 %");
  });

  it("is At risk when a required quiz has no attempts left", () => {
    const r = computeReadiness([course({ openQuizzes: [{ lessonTitle: "Relay hand-offs", bestScore: 40, passMark: 80, passed: false, attemptsLeft: 0 }] })], now);
    expect(r.state).toBe("AT_RISK");
    expect(r.reasons).toContain("Quiz in Relay hand-offs failed with no attempts left — best 40 %, needs 80 %");
  });

  it("is Not started when nothing required has begun and nothing is due soon", () => {
    const r = computeReadiness([course({ started: false, lessonsDone: 0 })], now);
    expect(r.state).toBe("NOT_STARTED");
    expect(r.reasons).toEqual(["Listening both ways due 20 Dec — 0 of 5 lessons done"]);
  });

  it("treats a person without an assigned curriculum as not started, saying why", () => {
    expect(computeReadiness([], now)).toEqual({ state: "NOT_STARTED", reasons: ["No onboarding curriculum assigned yet"], since: null });
    expect(computeReadiness([course({ required: false })], now).state).toBe("NOT_STARTED");
  });

  it("lists undated courses after dated ones", () => {
    const r = computeReadiness([course({ courseTitle: "Undated", dueDate: null }), course({ courseTitle: "Dated" })], now);
    expect(r.reasons).toEqual(["Dated due 20 Dec — 2 of 5 lessons done", "Undated — 2 of 5 lessons done"]);
  });
});
