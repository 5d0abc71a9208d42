import { describe, expect, it } from "vitest";
import { calendarDay, daysUntil, dueInWords, exactDue } from "./relative-date";

// Tuesday 24 Nov 2026.
const TODAY = "2026-11-24";
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

describe("due dates in words", () => {
  it.each([
    ["2026-11-24", "due today"],
    ["2026-11-25", "due tomorrow"],
    ["2026-11-26", "due Thursday"],
    ["2026-11-30", "due Monday"],
    ["2026-12-01", "due in 7 days"],
    ["2026-12-06", "due in 12 days"],
    ["2026-12-24", "due in 30 days"],
    ["2026-12-28", "due 28 Dec"],
    ["2027-01-15", "due 15 Jan 2027"],
    ["2026-11-23", "1 day overdue"],
    ["2026-11-22", "2 days overdue"],
    ["2026-10-24", "31 days overdue"],
  ])("a course due %s is %s", (due, words) => {
    expect(dueInWords(day(due), TODAY)).toBe(words);
  });

  it("takes the date as it arrives in loader data, a Date or an ISO string", () => {
    expect(dueInWords("2026-11-26T00:00:00.000Z", TODAY)).toBe("due Thursday");
    expect(daysUntil("2026-11-20T00:00:00.000Z", TODAY)).toBe(-4);
  });

  it("writes the exact day as every other page does", () => {
    expect(exactDue(day("2026-12-03"))).toBe("Due 3 Dec 2026");
  });
});

describe("today is the organisation's calendar day", () => {
  // 23:30 UTC on Tuesday 24 Nov is already Wednesday in Berlin and still Tuesday in New York.
  const now = new Date("2026-11-24T23:30:00.000Z");

  it("follows the time zone", () => {
    expect(calendarDay(now, "UTC")).toBe("2026-11-24");
    expect(calendarDay(now, "Europe/Berlin")).toBe("2026-11-25");
    expect(calendarDay(now, "America/New_York")).toBe("2026-11-24");
  });

  it("so a course due Wednesday is due today in Berlin and due tomorrow in New York at the same moment", () => {
    const due = day("2026-11-25");
    expect(dueInWords(due, calendarDay(now, "Europe/Berlin"))).toBe("due today");
    expect(dueInWords(due, calendarDay(now, "America/New_York"))).toBe("due tomorrow");
  });
});
