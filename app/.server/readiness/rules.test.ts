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
    waived: null,
    practice: [],
    dueExtended: null,
    assignedAt: new Date("2026-11-01T09:00:00Z"),
    graceDays: 3,
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
    expect(r).toEqual({ state: "READY", reasons: [], since: new Date("2026-11-21T15:00:00Z"), nextChangeAt: null });
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
      [
        course({
          courseTitle: "Internal customer service",
          openQuizzes: [
            { lessonTitle: "Relay hand-offs", bestScore: 60, passMark: 80, passed: false, attemptsLeft: 2, granted: null, lastAt: day("2026-11-22") },
          ],
        }),
      ],
      now,
    );
    expect(r.state).toBe("ON_TRACK");
    expect(r.reasons).toContain("Quiz in Relay hand-offs not passed — best 60 %, needs 80 %");
  });

  it("is Blocked when a required quiz has no attempts left, since that attempt", () => {
    const r = computeReadiness(
      [
        course({
          openQuizzes: [
            { lessonTitle: "Relay hand-offs", bestScore: 40, passMark: 80, passed: false, attemptsLeft: 0, granted: null, lastAt: day("2026-11-22") },
          ],
        }),
      ],
      now,
    );
    expect(r.state).toBe("BLOCKED");
    expect(r.since).toEqual(day("2026-11-22"));
    expect(r.reasons).toContain("Quiz in Relay hand-offs failed with no attempts left — best 40 %, needs 80 %");
  });

  it("is Not started when nothing required has begun and nothing is due soon", () => {
    const r = computeReadiness([course({ started: false, lessonsDone: 0 })], now);
    expect(r.state).toBe("NOT_STARTED");
    expect(r.reasons).toEqual(["Listening both ways due 20 Dec — 0 of 5 lessons done"]);
  });

  it("says No curriculum for a person without a required course, saying why", () => {
    expect(computeReadiness([], now)).toEqual({ state: "NO_CURRICULUM", reasons: ["No onboarding curriculum assigned yet"], since: null, nextChangeAt: null });
    expect(computeReadiness([course({ required: false })], now).state).toBe("NO_CURRICULUM");
  });

  it("counts a waived required course as satisfied, names who waived it and why, and is Ready since the waiver", () => {
    const waived = { by: "Marcus Bell", at: new Date("2026-11-22T14:00:00Z"), reason: "Completed the same course at her last employer" };
    const r = computeReadiness(
      [
        course({ completed: true, lessonsDone: 5, completedAt: new Date("2026-11-20T09:00:00Z") }),
        course({ courseSlug: "b", courseTitle: "Fire safety", lessonsDone: 0, waived }),
      ],
      now,
    );
    expect(r).toEqual({
      state: "READY",
      reasons: ["Fire safety waived by Marcus Bell on 22 Nov: Completed the same course at her last employer"],
      since: new Date("2026-11-22T14:00:00Z"),
      nextChangeAt: null,
    });
  });

  it("still names a waiver when other required courses hold the person back", () => {
    const waived = { by: "Dana Ortiz", at: new Date("2026-11-21T10:00:00Z"), reason: "Role does not handle cash" };
    const r = computeReadiness(
      [course({ dueDate: day("2026-11-20") }), course({ courseSlug: "b", courseTitle: "Cash handling", dueDate: day("2026-11-01"), waived })],
      now,
    );
    // The waived course is past due but holds nobody back: Overdue comes from the other course only.
    expect(r.state).toBe("OVERDUE");
    expect(r.since).toEqual(day("2026-11-21"));
    expect(r.reasons).toEqual([
      "Listening both ways overdue since 20 Nov — 2 of 5 lessons done",
      "Cash handling waived by Dana Ortiz on 21 Nov: Role does not handle cash",
    ]);
  });

  it("shortens a long waiver reason in the one-line summary", () => {
    const waived = { by: "Dana Ortiz", at: new Date("2026-11-21T10:00:00Z"), reason: "x".repeat(200) };
    const r = computeReadiness([course({ waived })], now);
    expect(r.reasons[0]).toBe(`Listening both ways waived by Dana Ortiz on 21 Nov: ${"x".repeat(79)}…`);
  });

  it("names a due date extension in the course reason", () => {
    const dueExtended = { by: "Marcus Bell", at: new Date("2026-11-19T08:00:00Z"), reason: "Two weeks of sick leave", date: day("2026-12-20") };
    const r = computeReadiness([course({ dueExtended })], now);
    expect(r.state).toBe("ON_TRACK");
    expect(r.reasons).toEqual(["Listening both ways due 20 Dec (extended by Marcus Bell on 19 Nov: Two weeks of sick leave) — 2 of 5 lessons done"]);
    const late = computeReadiness([course({ dueDate: day("2026-11-21"), dueExtended: { ...dueExtended, date: day("2026-11-21") } })], now);
    expect(late.reasons[0]).toBe("Listening both ways overdue since 21 Nov (extended by Marcus Bell on 19 Nov: Two weeks of sick leave) — 2 of 5 lessons done");
  });

  it("names granted attempts in the quiz reason, and a quiz with a granted attempt left is not stuck", () => {
    const granted = { count: 1, by: "Marcus Bell", at: new Date("2026-11-22T09:00:00Z") };
    // Three of three attempts used, one more granted: one left.
    const r = computeReadiness(
      [
        course({
          openQuizzes: [{ lessonTitle: "Relay hand-offs", bestScore: 40, passMark: 80, passed: false, attemptsLeft: 1, granted, lastAt: day("2026-11-22") }],
        }),
      ],
      now,
    );
    expect(r.state).toBe("ON_TRACK");
    expect(r.reasons).toContain("Quiz in Relay hand-offs not passed — best 40 %, needs 80 % (1 more attempt granted by Marcus Bell on 22 Nov)");
    expect(r.reasons.join("\n")).not.toMatch(/no attempts left/);
  });

  it("is Blocked again once the granted attempts are used up, still naming the grant", () => {
    const granted = { count: 2, by: "Dana Ortiz", at: new Date("2026-11-22T09:00:00Z") };
    const r = computeReadiness(
      [
        course({
          openQuizzes: [{ lessonTitle: "Relay hand-offs", bestScore: 60, passMark: 80, passed: false, attemptsLeft: 0, granted, lastAt: day("2026-11-22") }],
        }),
      ],
      now,
    );
    expect(r.state).toBe("BLOCKED");
    expect(r.reasons).toContain(
      "Quiz in Relay hand-offs failed with no attempts left — best 60 %, needs 80 % (2 more attempts granted by Dana Ortiz on 22 Nov)",
    );
  });

  it("lists undated courses after dated ones", () => {
    const r = computeReadiness([course({ courseTitle: "Undated", dueDate: null }), course({ courseTitle: "Dated" })], now);
    expect(r.reasons).toEqual(["Dated due 20 Dec — 2 of 5 lessons done", "Undated — 2 of 5 lessons done"]);
  });
});

describe("practice sign-off", () => {
  it("is Blocked by practice returned with notes, naming it and the task still waiting", () => {
    const r = computeReadiness(
      [
        course({
          dueDate: null,
          lessonsDone: 5,
          lessonsTotal: 6,
          practice: [
            { lessonSlug: "hand-off", taskTitle: "Write a hand-off note", status: "waiting", at: day("2026-11-20") },
            { lessonSlug: "coach", taskTitle: "Coach a moment", status: "returned", at: day("2026-11-21") },
          ],
        }),
      ],
      now,
    );
    expect(r.state).toBe("BLOCKED");
    expect(r.since).toEqual(day("2026-11-21"));
    expect(r.reasons).toEqual([
      "Listening both ways — 5 of 6 lessons done",
      "Waiting for sign-off: Write a hand-off note (submitted 20 Nov)",
      "Practice returned with notes on 21 Nov: Coach a moment",
    ]);
  });
});

describe("states HR can act on", () => {
  const fresh = { started: false, lessonsDone: 0 };

  it("says Starts later for someone whose start date is ahead and who has begun nothing, and changes on that day", () => {
    const r = computeReadiness([course(fresh)], now, { startDate: day("2026-12-01"), accountUsed: false });
    expect(r.state).toBe("STARTS_LATER");
    expect(r.reasons[0]).toBe("Starts on 1 Dec");
    expect(r.nextChangeAt).toEqual(day("2026-12-01"));
    expect(computeReadiness([course(fresh)], day("2026-12-01"), { startDate: day("2026-12-01"), accountUsed: false }).state).toBe("INVITED");
  });

  it("says Invited, not signed in for someone who started but never used their account, since the assignment", () => {
    const r = computeReadiness([course(fresh)], now, { startDate: day("2026-11-16"), accountUsed: false });
    expect(r).toMatchObject({ state: "INVITED", since: new Date("2026-11-01T09:00:00Z") });
    expect(r.reasons[0]).toBe("Has not signed in yet");
    expect(computeReadiness([course(fresh)], now, { startDate: day("2026-11-16"), accountUsed: true }).state).toBe("NOT_STARTED");
  });

  it("does not flag At risk during the curriculum's grace period after assignment, then does", () => {
    // Assigned today with a course due in 5 days: inside the 7-day window, but grace lasts 3 days.
    const assigned = course({ dueDate: day("2026-11-28"), assignedAt: now });
    const r = computeReadiness([assigned], now);
    expect(r.state).toBe("ON_TRACK");
    expect(r.nextChangeAt).toEqual(day("2026-11-26"));
    const after = computeReadiness([assigned], day("2026-11-26"));
    expect(after).toMatchObject({ state: "AT_RISK", since: day("2026-11-26") });
    expect(computeReadiness([course({ dueDate: day("2026-11-28"), assignedAt: now, graceDays: 0 })], now).state).toBe("AT_RISK");
  });

  it("never dates a state before the assignment it comes from", () => {
    // Assigned on 22 Nov a course that was due on 20 Nov (its rule counts from the start date).
    const r = computeReadiness([course({ dueDate: day("2026-11-20"), assignedAt: new Date("2026-11-22T15:00:00Z") })], now);
    expect(r.state).toBe("OVERDUE");
    expect(r.since).toEqual(new Date("2026-11-22T15:00:00Z"));
  });

  it("puts Overdue above Blocked, Blocked above At risk", () => {
    const stuck = {
      openQuizzes: [{ lessonTitle: "Q", bestScore: 10, passMark: 80, passed: false, attemptsLeft: 0, granted: null, lastAt: day("2026-11-22") }],
    };
    expect(computeReadiness([course({ ...stuck, dueDate: day("2026-11-20") })], now).state).toBe("OVERDUE");
    expect(computeReadiness([course({ ...stuck, dueDate: day("2026-11-25") })], now).state).toBe("BLOCKED");
  });

  it("knows the next moment time alone changes the state: the 7-day window, then the day after the due day", () => {
    expect(computeReadiness([course({ dueDate: day("2026-12-20") })], now).nextChangeAt).toEqual(day("2026-12-13"));
    expect(computeReadiness([course({ dueDate: day("2026-11-25") })], now).nextChangeAt).toEqual(day("2026-11-26"));
    expect(computeReadiness([course({ dueDate: null })], now).nextChangeAt).toBeNull();
  });
});

describe("computeReadiness: certificate ends and re-opened lessons", () => {
  const done = course({ completed: true, lessonsDone: 5, completedAt: new Date("2026-01-10T09:00:00Z") });
  const expiry = (validUntil: string, noticeFrom: string) => ({
    curriculumName: "Service basics",
    validUntil: day(validUntil),
    noticeFrom: day(noticeFrom),
    renew: ["Listening both ways"],
  });
  const standing = (e: ReturnType<typeof expiry>) => ({ startDate: null, accountUsed: true, expiries: [e] });

  it("stays Ready before the renewal notice, and changes at its first moment", () => {
    const r = computeReadiness([done], now, standing(expiry("2027-01-10", "2026-12-11")));
    expect(r).toMatchObject({ state: "READY", nextChangeAt: day("2026-12-11") });
  });

  it("is Expiring from the notice until the end, naming the certificate, its end and what to renew", () => {
    const r = computeReadiness([done], now, standing(expiry("2026-12-10", "2026-11-10")));
    expect(r).toEqual({
      state: "EXPIRING",
      reasons: ["Certificate for Service basics expires on 10 Dec — renew: Listening both ways"],
      since: day("2026-11-10"),
      nextChangeAt: day("2026-12-10"),
    });
  });

  it("is Expired from the day the certificate ends, even while the renewal courses are being taken", () => {
    const renewing = course({ renewing: true, dueDate: day("2026-11-23"), lessonsDone: 1 });
    const r = computeReadiness([renewing], now, standing(expiry("2026-11-23", "2026-10-24")));
    expect(r.state).toBe("EXPIRED");
    expect(r.since).toEqual(day("2026-11-23"));
    expect(r.reasons[0]).toBe("Certificate for Service basics expired on 23 Nov — renew: Listening both ways");
  });

  it("keeps an overdue onboarding course more urgent than an expiring certificate, and renewal courses out of At risk", () => {
    const overdue = course({ courseSlug: "other", courseTitle: "Other", dueDate: day("2026-11-20") });
    expect(computeReadiness([done, overdue], now, standing(expiry("2026-12-10", "2026-11-10"))).state).toBe("OVERDUE");
    const renewing = course({ renewing: true, dueDate: day("2026-11-25") });
    expect(computeReadiness([renewing], now, standing(expiry("2026-11-25", "2026-10-26"))).state).toBe("EXPIRING");
  });

  it("names a re-opened lesson and when it changed among the course's reasons", () => {
    const r = computeReadiness(
      [course({ lessonsDone: 4, changed: [{ lessonTitle: "The relay hand-off", changedOn: day("2026-11-20") }], dueDate: day("2026-12-04") })],
      now,
    );
    expect(r.state).toBe("ON_TRACK");
    expect(r.reasons).toContain("'The relay hand-off' changed on 20 Nov: review it");
  });
});
