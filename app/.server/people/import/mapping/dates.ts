/**
 * Dates as HR systems write them: ISO (2026-03-04), DD/MM/YYYY, MM/DD/YYYY, DD.MM.YYYY, "4 Mar 2026", and the
 * serial numbers spreadsheets store. Whether 04/03/2026 is 4 March or 3 April is decided for the whole file by
 * a value only one order fits (13/03/2026); when none decides, HR picks the order: nothing is guessed silently.
 */
import type { CsvProblem } from "../csv";

export type DateOrder = "ymd" | "dmy" | "mdy";

/** A value, with the line of the file it is on when the caller knows it. */
type DatedValue = string | { line: number; value: string };

type Witness = { value: string; line?: number; reason: string };

export type DateOrderDetection =
  | { order: DateOrder; decidedBy: Witness | null }
  /** Nothing decides, or two values contradict each other (then `conflict` names both). */
  | { order: "ambiguous"; decidedBy: null; conflict?: [Witness, Witness] };

/** `needsOrder`: the value is fine, but only once HR says whether the file is day/month or month/day. */
export type ParsedDate = { ok: true; date: Date } | { ok: false; message: string; needsOrder?: true };

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/;
/** Day and month in either order, then the year; a time after it ("3/4/2026 0:00", as spreadsheets save) is ignored. */
const NUMERIC = /^(\d{1,2})([/.-])(\d{1,2})\2(\d+)(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s?[AaPp][Mm])?)?$/;
const SERIAL = /^([1-9]\d{4})(?:\.\d+)?$/;
const DAY_MONTH_NAME = /^(\d{1,2})[ ./-]([A-Za-z]{3,9})\.?[ ./,-]+(\d{4})$/;
const MONTH_NAME_DAY = /^([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$/;
const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/** 1–12 for an English month name or its abbreviation ("Mar", "Sept"), 0 for anything else. */
const monthNumber = (name: string) => {
  const n = name.toLowerCase();
  return n.length < 3 ? 0 : MONTHS.findIndex((m) => m.startsWith(n)) + 1;
};

const ORDER_WORDS: Record<"dmy" | "mdy", string> = { dmy: "day/month (DD/MM/YYYY)", mdy: "month/day (MM/DD/YYYY)" };

const entry = (v: DatedValue) => (typeof v === "string" ? { value: v.trim() } : { value: v.value.trim(), line: v.line });

/**
 * The day/month order of a file's dates. A value whose first number is above 12 says day/month, whose second
 * is says month/day; dates written with dots (04.03.2026) are day/month, as every country writing them so
 * does. Only ISO dates, serial numbers and month names need no order: "ymd".
 */
export function detectDateOrder(values: readonly DatedValue[]): DateOrderDetection {
  let dmy: Witness | null = null;
  let mdy: Witness | null = null;
  let dots: Witness | null = null;
  let undecided = false;
  for (const v of values) {
    const { value, line } = entry(v);
    const m = NUMERIC.exec(value);
    if (!m) continue;
    const a = Number(m[1]);
    const b = Number(m[3]);
    if (a > 12 && b <= 12) dmy ??= { value, line, reason: `${a} can only be a day` };
    else if (b > 12 && a <= 12) mdy ??= { value, line, reason: `${b} can only be a day` };
    else if (a <= 12 && b <= 12) {
      if (m[2] === ".") dots ??= { value, line, reason: "dates written with dots are day/month" };
      else undecided = true;
    }
  }
  const dayFirst = dmy ?? dots;
  if (dayFirst && mdy) return { order: "ambiguous", decidedBy: null, conflict: [dayFirst, mdy] };
  if (dayFirst) return { order: "dmy", decidedBy: dayFirst };
  if (mdy) return { order: "mdy", decidedBy: mdy };
  return undecided ? { order: "ambiguous", decidedBy: null } : { order: "ymd", decidedBy: null };
}

/** Midnight UTC of a calendar day, or null when there is no such day (31 February) or the year is implausible. */
function calendarDay(year: number, month: number, day: number): Date | null {
  if (year < 1900 || year > 2199) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null;
}

/**
 * Spreadsheet day numbers count from 1 January 1900 = 1, and count a 29 February 1900 that never was (a Lotus
 * 1-2-3 bug Excel kept): from 1 March 1900 on, day n is n days after 30 December 1899. Only five-digit numbers
 * (18 May 1927 to 2173) are read as dates; a shorter number is more likely a year or a mistake.
 */
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

const notADay = (value: string, label: string): ParsedDate => ({ ok: false, message: `The ${label} “${value}” is not a day in the calendar.` });

/** One date, read in the file's order; `label` names it in messages ("The start date “31.02.2026” …"). */
export function parseHrDate(raw: string, order: DateOrder | "ambiguous", label = "date"): ParsedDate {
  const value = raw.trim();
  if (value === "") return { ok: false, message: `The ${label} is empty.` };

  const iso = ISO.exec(value);
  if (iso) return ok(calendarDay(Number(iso[1]), Number(iso[2]), Number(iso[3])), value, label);

  const serial = SERIAL.exec(value);
  if (serial) return { ok: true, date: new Date(SERIAL_EPOCH + Number(serial[1]) * DAY_MS) };

  const dayFirst = DAY_MONTH_NAME.exec(value);
  const monthFirst = MONTH_NAME_DAY.exec(value);
  const named = dayFirst
    ? { day: dayFirst[1], month: dayFirst[2], year: dayFirst[3] }
    : monthFirst && { day: monthFirst[2], month: monthFirst[1], year: monthFirst[3] };
  if (named && monthNumber(named.month ?? "") > 0) return ok(calendarDay(Number(named.year), monthNumber(named.month ?? ""), Number(named.day)), value, label);

  const numeric = NUMERIC.exec(value);
  if (numeric) {
    const [a, b, yearText] = [Number(numeric[1]), Number(numeric[3]), numeric[4] ?? ""];
    if (yearText.length !== 4) return { ok: false, message: `The ${label} “${value}” has no four-digit year: write the year in full, e.g. 2026.` };
    const year = Number(yearText);
    const asDmy = calendarDay(year, b, a);
    const asMdy = calendarDay(year, a, b);
    if (order === "dmy" || order === "mdy") {
      const [date, other, month] = order === "dmy" ? [asDmy, asMdy, b] : [asMdy, asDmy, a];
      if (date) return { ok: true, date };
      if (other) return { ok: false, message: `The ${label} “${value}” is not ${ORDER_WORDS[order]}, the order of this file's dates.` };
      // 31.02.2026 in a day/month file: the order fits, the day does not exist.
      if (month >= 1 && month <= 12) return notADay(value, label);
    }
    if (!asDmy && !asMdy) return { ok: false, message: `The ${label} “${value}” fits neither day/month nor month/day order.` };
    // Only one reading is a real day: no guess involved.
    if (!asDmy || !asMdy) return { ok: true, date: (asDmy ?? asMdy)! };
    return { ok: false, message: `The ${label} “${value}” could be day/month or month/day: choose the order of this file's dates.`, needsOrder: true };
  }
  return { ok: false, message: `The ${label} “${value}” is not a date: use YYYY-MM-DD, DD/MM/YYYY, MM/DD/YYYY or DD.MM.YYYY.` };
}

function ok(date: Date | null, value: string, label: string): ParsedDate {
  return date ? { ok: true, date } : notADay(value, label);
}

/**
 * A whole date column: its order (HR's choice when given, else detected), each line's date (null when empty)
 * and a problem for each value that cannot be read. An undecided order is one problem, on the first line that
 * needs it (or where the file contradicts itself), not one per row.
 */
export function readDateColumn(
  values: readonly { line: number; value: string }[],
  opts: { order?: DateOrder; label?: string } = {},
): { detection: DateOrderDetection; dates: Map<number, Date | null>; problems: CsvProblem[] } {
  const label = opts.label ?? "start date";
  const detection: DateOrderDetection = opts.order ? { order: opts.order, decidedBy: null } : detectDateOrder(values);
  const dates = new Map<number, Date | null>();
  const problems: CsvProblem[] = [];
  const conflict = detection.order === "ambiguous" ? detection.conflict : undefined;
  if (conflict) {
    const line = Math.max(conflict[0].line ?? 0, conflict[1].line ?? 0) || (values[0]?.line ?? 1);
    const where = (w: Witness) => `“${w.value}”${w.line === undefined ? "" : ` (line ${w.line})`}`;
    problems.push({
      line,
      message: `The ${label}s disagree: ${where(conflict[0])} is day/month but ${where(conflict[1])} is month/day. Choose the order, then fix the dates that do not fit it.`,
    });
  }
  let orderAsked = Boolean(conflict);
  for (const { line, value } of values) {
    const parsed = value.trim() === "" ? null : parseHrDate(value, detection.order, label);
    dates.set(line, parsed?.ok ? parsed.date : null);
    if (!parsed || parsed.ok) continue;
    if (!parsed.needsOrder) problems.push({ line, message: parsed.message });
    else if (!orderAsked) {
      orderAsked = true;
      problems.push({ line, message: `The ${label}s in this file could be day/month or month/day (like “${value.trim()}”): choose the order.` });
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return { detection, dates, problems };
}
