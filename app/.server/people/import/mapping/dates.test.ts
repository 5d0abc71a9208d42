import { describe, expect, it } from "vitest";
import { detectDateOrder, parseHrDate, readDateColumn } from "./dates";
import { EUROPEAN_EXPORT, US_EXPORT, WORKDAY_EXPORT, column } from "./sample-exports";

const day = (d: Date | null | undefined) => (d ? d.toISOString() : d);
const parsed = (value: string, order: Parameters<typeof parseHrDate>[1]) => {
  const r = parseHrDate(value, order);
  return r.ok ? r.date.toISOString() : r.message;
};

describe("detectDateOrder", () => {
  it("finds month/day in the US export from the first value only that order fits", () => {
    expect(detectDateOrder(column(US_EXPORT, "Hire Date"))).toEqual({
      order: "mdy",
      decidedBy: { value: "04/15/2025", line: 3, reason: "15 can only be a day" },
    });
  });

  it("finds day/month in the European export: dates with dots are day/month", () => {
    expect(detectDateOrder(column(EUROPEAN_EXPORT, "Start Date"))).toEqual({
      order: "dmy",
      decidedBy: { value: "15.01.2026", line: 3, reason: "15 can only be a day" },
    });
    expect(detectDateOrder(["01.03.2024", "02.02.2026"])).toEqual({
      order: "dmy",
      decidedBy: { value: "01.03.2024", reason: "dates written with dots are day/month" },
    });
    expect(detectDateOrder(["01/03/2024", "15/01/2026"])).toEqual({ order: "dmy", decidedBy: { value: "15/01/2026", reason: "15 can only be a day" } });
  });

  it("needs no order for ISO dates and serial numbers", () => {
    expect(detectDateOrder(column(WORKDAY_EXPORT, "Hire_Date"))).toEqual({ order: "ymd", decidedBy: null });
    expect(detectDateOrder(["46085", "2026-03-04", "4 Mar 2026", ""])).toEqual({ order: "ymd", decidedBy: null });
  });

  it("says ambiguous when no value decides, and names both values when two contradict", () => {
    expect(detectDateOrder(["2026-03-04", "03/04/2026", "01/02/2026"])).toEqual({ order: "ambiguous", decidedBy: null });
    expect(
      detectDateOrder([
        { line: 2, value: "13/02/2026" },
        { line: 3, value: "02/13/2026" },
      ]),
    ).toEqual({
      order: "ambiguous",
      decidedBy: null,
      conflict: [
        { value: "13/02/2026", line: 2, reason: "13 can only be a day" },
        { value: "02/13/2026", line: 3, reason: "13 can only be a day" },
      ],
    });
  });
});

describe("parseHrDate", () => {
  it("reads ISO, both orders, dots and month names as midnight UTC", () => {
    expect(parsed("2026-03-04", "ambiguous")).toBe("2026-03-04T00:00:00.000Z");
    expect(parsed("2026-03-04T09:30:00", "mdy")).toBe("2026-03-04T00:00:00.000Z");
    expect(parsed("04/03/2026", "dmy")).toBe("2026-03-04T00:00:00.000Z");
    expect(parsed("03/04/2026", "mdy")).toBe("2026-03-04T00:00:00.000Z");
    expect(parsed("04.03.2026", "dmy")).toBe("2026-03-04T00:00:00.000Z");
    expect(parsed("3/4/2026 0:00", "mdy")).toBe("2026-03-04T00:00:00.000Z");
    expect(parsed("4-Mar-2026", "ambiguous")).toBe("2026-03-04T00:00:00.000Z");
    expect(parsed("March 4, 2026", "dmy")).toBe("2026-03-04T00:00:00.000Z");
  });

  it("reads spreadsheet serial numbers, counting past Excel's 29 February 1900", () => {
    expect(parsed("46085", "ambiguous")).toBe("2026-03-04T00:00:00.000Z");
    expect(parsed("43831", "dmy")).toBe("2020-01-01T00:00:00.000Z");
    expect(parsed("45658.75", "mdy")).toBe("2025-01-01T00:00:00.000Z");
    expect(parsed("2026", "mdy")).toBe("The date “2026” is not a date: use YYYY-MM-DD, DD/MM/YYYY, MM/DD/YYYY or DD.MM.YYYY.");
  });

  it("reads a value only one order fits without being told the order", () => {
    expect(parsed("13/02/2026", "ambiguous")).toBe("2026-02-13T00:00:00.000Z");
    expect(parseHrDate("04/03/2026", "ambiguous")).toEqual({
      ok: false,
      message: "The date “04/03/2026” could be day/month or month/day: choose the order of this file's dates.",
      needsOrder: true,
    });
  });

  it("refuses two-digit years, days that do not exist, and values that fit neither order", () => {
    expect(parsed("04/03/26", "dmy")).toBe("The date “04/03/26” has no four-digit year: write the year in full, e.g. 2026.");
    expect(parsed("31.02.2026", "dmy")).toBe("The date “31.02.2026” is not a day in the calendar.");
    expect(parsed("31.02.2026", "ambiguous")).toBe("The date “31.02.2026” fits neither day/month nor month/day order.");
    expect(parsed("13/13/2026", "dmy")).toBe("The date “13/13/2026” fits neither day/month nor month/day order.");
    expect(parsed("02/13/2026", "dmy")).toBe("The date “02/13/2026” is not day/month (DD/MM/YYYY), the order of this file's dates.");
    expect(parsed("2026-02-29", "ymd")).toBe("The date “2026-02-29” is not a day in the calendar.");
    expect(parsed("next Monday", "ymd")).toBe("The date “next Monday” is not a date: use YYYY-MM-DD, DD/MM/YYYY, MM/DD/YYYY or DD.MM.YYYY.");
    expect(parsed(" ", "ymd")).toBe("The date is empty.");
  });
});

describe("readDateColumn", () => {
  it("reads the US export's hire dates in its detected order, with a line-numbered problem for 30 February", () => {
    const read = readDateColumn(column(US_EXPORT, "Hire Date"));
    expect(read.detection.order).toBe("mdy");
    expect([...read.dates].map(([line, d]) => [line, day(d)?.slice(0, 10) ?? null])).toEqual([
      [2, "2025-03-02"],
      [3, "2025-04-15"],
      [4, "2026-01-06"],
      [5, "2026-03-02"],
      [6, "2026-02-16"],
      [7, null],
    ]);
    expect(read.problems).toEqual([{ line: 7, message: "The start date “02/30/2026” is not a day in the calendar." }]);
  });

  it("reads the European export day-first and reports 31.02", () => {
    const read = readDateColumn(column(EUROPEAN_EXPORT, "Start Date"));
    expect(read.dates.get(3)?.toISOString()).toBe("2026-01-15T00:00:00.000Z");
    expect(read.dates.get(4)?.toISOString()).toBe("2026-02-02T00:00:00.000Z");
    expect(read.problems).toEqual([{ line: 5, message: "The start date “31.02.2026” is not a day in the calendar." }]);
  });

  it("asks for the order once when nothing decides it, and uses HR's choice when given", () => {
    const values = [
      { line: 2, value: "2026-01-05" },
      { line: 3, value: "03/04/2026" },
      { line: 4, value: "" },
      { line: 5, value: "05/06/2026" },
    ];
    const undecided = readDateColumn(values);
    expect(undecided.problems).toEqual([
      { line: 3, message: "The start dates in this file could be day/month or month/day (like “03/04/2026”): choose the order." },
    ]);
    expect([...undecided.dates.values()].map(day)).toEqual(["2026-01-05T00:00:00.000Z", null, null, null]);

    const chosen = readDateColumn(values, { order: "dmy" });
    expect(chosen.problems).toEqual([]);
    expect([...chosen.dates.values()].map(day)).toEqual(["2026-01-05T00:00:00.000Z", "2026-04-03T00:00:00.000Z", null, "2026-06-05T00:00:00.000Z"]);
  });

  it("reports a file that contradicts itself once, where it does", () => {
    const read = readDateColumn([
      { line: 2, value: "13/02/2026" },
      { line: 3, value: "04/05/2026" },
      { line: 4, value: "02/14/2026" },
    ]);
    expect(read.problems).toEqual([
      {
        line: 4,
        message:
          "The start dates disagree: “13/02/2026” (line 2) is day/month but “02/14/2026” (line 4) is month/day. Choose the order, then fix the dates that do not fit it.",
      },
    ]);
  });
});
