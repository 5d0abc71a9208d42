import { describe, expect, it } from "vitest";
import { courseDueDate, dueRuleOf, isOverdue, type DueDateInput } from "./due-dates";

const day = (s: string) => new Date(`${s}T00:00:00.000Z`);
const at = (s: string) => new Date(s);
const iso = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;

const base: DueDateInput = {
  courseRule: null,
  curriculumRule: { kind: "days", days: 14 },
  startDate: day("2026-12-01"),
  heldSince: at("2026-11-20T10:00:00Z"),
  courseSince: at("2026-11-01T09:00:00Z"),
};

describe("courseDueDate", () => {
  it("counts N days from the person's start date with the curriculum's rule", () => {
    expect(iso(courseDueDate(base))).toBe("2026-12-15");
  });

  it("prefers the course's own rule to the curriculum's", () => {
    expect(iso(courseDueDate({ ...base, courseRule: { kind: "days", days: 3 } }))).toBe("2026-12-04");
    expect(iso(courseDueDate({ ...base, courseRule: { kind: "date", date: day("2027-01-31") } }))).toBe("2027-01-31");
  });

  it("has no due date without any rule", () => {
    expect(courseDueDate({ ...base, curriculumRule: null })).toBeNull();
  });

  it("gives a fixed date to everyone, whenever they start", () => {
    const rule = { kind: "date" as const, date: day("2027-02-01") };
    expect(iso(courseDueDate({ ...base, curriculumRule: rule, startDate: day("2026-06-01") }))).toBe("2027-02-01");
    expect(iso(courseDueDate({ ...base, curriculumRule: rule, startDate: null }))).toBe("2027-02-01");
  });

  it("counts from the day the curriculum was received when the person has no start date", () => {
    expect(iso(courseDueDate({ ...base, startDate: null }))).toBe("2026-12-04");
  });

  it("counts a course added after the person held the curriculum from the day it was added", () => {
    // Started 1 Sep, held since Aug; the course joined on 10 Dec: due 14 days after 10 Dec, not after 1 Sep.
    const due = courseDueDate({ ...base, startDate: day("2026-09-01"), heldSince: at("2026-08-20T08:00:00Z"), courseSince: at("2026-12-10T15:30:00Z") });
    expect(iso(due)).toBe("2026-12-24");
  });

  it("still counts from a later start date when the course was added before the person started", () => {
    const due = courseDueDate({ ...base, startDate: day("2027-01-04"), heldSince: at("2026-11-01T08:00:00Z"), courseSince: at("2026-12-10T15:30:00Z") });
    expect(iso(due)).toBe("2027-01-18");
  });

  it("counts from the day the curriculum was received when that is after the start date", () => {
    // Started in September, assigned in December: due two weeks after the assignment, not overdue on arrival.
    const due = courseDueDate({ ...base, startDate: day("2026-09-01"), heldSince: at("2026-12-11T08:00:00Z"), courseSince: at("2026-12-10T15:30:00Z") });
    expect(iso(due)).toBe("2026-12-25");
  });

  it("counts from the start date when the curriculum arrived before it", () => {
    const due = courseDueDate({ ...base, startDate: day("2026-12-01"), heldSince: at("2026-11-20T08:00:00Z") });
    expect(iso(due)).toBe("2026-12-15");
  });

  it("uses 0 days as the start day itself", () => {
    expect(iso(courseDueDate({ ...base, curriculumRule: { kind: "days", days: 0 } }))).toBe("2026-12-01");
  });
});

describe("dueRuleOf", () => {
  it("reads the stored pair of columns", () => {
    expect(dueRuleOf({ dueDays: 7, dueDate: null })).toEqual({ kind: "days", days: 7 });
    expect(dueRuleOf({ dueDays: 0, dueDate: null })).toEqual({ kind: "days", days: 0 });
    expect(dueRuleOf({ dueDays: null, dueDate: day("2027-01-01") })).toEqual({ kind: "date", date: day("2027-01-01") });
    expect(dueRuleOf({ dueDays: null, dueDate: null })).toBeNull();
  });
});

describe("isOverdue", () => {
  it("is on time all of the due day and overdue the day after", () => {
    expect(isOverdue(day("2026-12-03"), false, at("2026-12-03T23:59:00Z"))).toBe(false);
    expect(isOverdue(day("2026-12-03"), false, at("2026-12-04T00:00:01Z"))).toBe(true);
  });

  it("is never overdue once complete or without a due date", () => {
    expect(isOverdue(day("2026-12-03"), true, at("2027-01-01T00:00:00Z"))).toBe(false);
    expect(isOverdue(null, false, at("2027-01-01T00:00:00Z"))).toBe(false);
  });
});
