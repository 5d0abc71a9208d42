import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { buildCalendar, type DueEvent } from "./ical";

const NOW = new Date("2026-11-03T09:15:00Z");

const event = (overrides: Partial<DueEvent> = {}): DueEvent => ({
  uid: "person-1-internal-customer-service@baton",
  summary: "Due: Internal customer service",
  description: "New starters · 2 of 5 lessons done",
  url: "https://baton.example/learn/internal-customer-service",
  day: new Date("2026-11-20T00:00:00Z"),
  ...overrides,
});

const build = (events: DueEvent[]) => buildCalendar({ name: "Baton due dates", description: "Your due dates in Baton", events }, NOW);

/** The calendar as a calendar app reads it. */
function parsed(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return { calendar, events: calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v)) };
}

describe("the due-date calendar", () => {
  it("is an iCalendar 2.0 document with Baton's product id and the feed's name", () => {
    const { calendar } = parsed(build([event()]));
    expect(calendar.name).toBe("vcalendar");
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(calendar.getFirstPropertyValue("prodid")).toBe("-//Baton//Due dates//EN");
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("Baton due dates");
  });

  it("shows each due day as a one-day, all-day event with a stable id", () => {
    const text = build([event(), event({ uid: "person-1-data-protection@baton", day: new Date("2027-01-04T00:00:00Z") })]);
    const { events } = parsed(text);
    expect(events.map((e) => e.uid)).toEqual(["person-1-internal-customer-service@baton", "person-1-data-protection@baton"]);
    expect(events.map((e) => [e.startDate.isDate, e.startDate.toString(), e.endDate.toString()])).toEqual([
      [true, "2026-11-20", "2026-11-21"],
      [true, "2027-01-04", "2027-01-05"],
    ]);
    expect(text).toContain("DTSTART;VALUE=DATE:20261120\r\n");
    expect(events[0]!.component.getFirstPropertyValue("dtstamp")?.toString()).toBe("2026-11-03T09:15:00Z");
    expect(events[0]!.component.getFirstPropertyValue("transp")).toBe("TRANSPARENT");
    expect(events[0]!.component.getFirstPropertyValue("url")).toBe("https://baton.example/learn/internal-customer-service");
  });

  it("gives the same text for the same data at the same moment", () => {
    expect(build([event()])).toBe(build([event()]));
  });

  it("ends every line with CRLF and folds lines longer than 75 octets", () => {
    const long = `Due: ${"Handling difficult conversations with customers who call back ".repeat(3)}ü`;
    const text = build([event({ summary: long })]);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = text.split("\r\n");
    for (const line of lines) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    // The long summary went over several physical lines, each continuation starting with a space.
    const start = lines.findIndex((l) => l.startsWith("SUMMARY:"));
    expect(lines[start + 1]!.startsWith(" ")).toBe(true);
    expect(parsed(text).events[0]!.summary).toBe(long);
  });

  it("escapes commas, semicolons, backslashes and line breaks in text", () => {
    const title = "Due: Safety, health; and you \\ the team";
    const description = "Line one\nLine two, with a comma";
    const text = build([event({ summary: title, description })]);
    const unfolded = text.replace(/\r\n[ \t]/g, "");
    expect(unfolded).toContain("SUMMARY:Due: Safety\\, health\\; and you \\\\ the team\r\n");
    expect(unfolded).toContain("DESCRIPTION:Line one\\nLine two\\, with a comma\r\n");
    const [parsedEvent] = parsed(text).events;
    expect(parsedEvent!.summary).toBe(title);
    expect(parsedEvent!.description).toBe(description);
  });

  it("is still a valid calendar with no events", () => {
    const { calendar, events } = parsed(build([]));
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(events).toEqual([]);
  });
});
