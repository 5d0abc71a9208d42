/**
 * Due dates in words, relative to today: "due Thursday", "2 days overdue". Due dates are calendar days kept as
 * midnight UTC (app/.server/curricula/due-dates.ts); "today" is the organisation's calendar day, found once by the
 * loader (`calendarDay`) and sent with the data, so the server and the browser render the same words and a cached
 * page's ETag changes once a day, not on every request.
 */
import { formatDate } from "./format";

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** Beyond this many days a count means little: the date itself is clearer. */
const COUNT_DAYS_UP_TO = 30;

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day `now` falls on in `timeZone`, as "YYYY-MM-DD". */
export function calendarDay(now: Date, timeZone: string): string {
  let f = dayFormats.get(timeZone);
  if (!f) {
    // en-CA writes dates as YYYY-MM-DD.
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormats.set(timeZone, f);
  }
  return f.format(now);
}

const dayNumber = (value: Date | string) => Math.floor(new Date(value).getTime() / DAY_MS);

/** Whole days from `today` ("YYYY-MM-DD") to the due day: 0 today, 1 tomorrow, negative when overdue. */
export function daysUntil(due: Date | string, today: string): number {
  return dayNumber(due) - dayNumber(`${today}T00:00:00.000Z`);
}

/** "due today", "due tomorrow", "due Thursday", "due in 12 days", "due 3 Dec", "1 day overdue". */
export function dueInWords(due: Date | string, today: string): string {
  const days = daysUntil(due, today);
  if (days < 0) return days === -1 ? "1 day overdue" : `${-days} days overdue`;
  if (days === 0) return "due today";
  if (days === 1) return "due tomorrow";
  const d = new Date(due);
  if (days < 7) return `due ${WEEKDAYS[d.getUTCDay()]}`;
  if (days <= COUNT_DAYS_UP_TO) return `due in ${days} days`;
  const sameYear = d.getUTCFullYear() === Number(today.slice(0, 4));
  return sameYear ? `due ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}` : `due ${formatDate(d)}`;
}

/** The exact due day, as every page writes dates: "Due 3 Dec 2026". */
export const exactDue = (due: Date | string) => `Due ${formatDate(due)}`;
