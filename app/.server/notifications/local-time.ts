/**
 * The organisation's local time, for quiet hours, "today" in reminders and the weekly digest.
 * Due dates are calendar days (midnight UTC, docs/readiness.md): "today" is the local calendar day written the same way.
 */
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      weekday: "short",
      hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export type LocalParts = { day: string; weekday: number; hour: number; minute: number };

export function localParts(at: Date, timeZone: string): LocalParts {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ""),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

/** The local calendar day as midnight UTC (how due dates are kept). */
export const localDay = (at: Date, timeZone: string) => new Date(`${localParts(at, timeZone).day}T00:00:00.000Z`);

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

export type EmailHours = { timeZone: string; emailFromHour: number; emailUntilHour: number; emailWeekdaysOnly: boolean };

function inEmailHours(at: Date, hours: EmailHours): boolean {
  const p = localParts(at, hours.timeZone);
  if (hours.emailWeekdaysOnly && (p.weekday === 0 || p.weekday === 6)) return false;
  return p.hour >= hours.emailFromHour && p.hour < hours.emailUntilHour;
}

const QUARTER_HOUR = 15 * 60 * 1000;

/** The first moment at or after `at` when e-mail may go out (quiet hours and weekends wait for the morning). */
export function nextEmailTime(at: Date, hours: EmailHours): Date {
  if (hours.emailFromHour >= hours.emailUntilHour || inEmailHours(at, hours)) return at;
  // Quarter-hour steps find the window's start in every time zone (some are 30 or 45 minutes off the hour).
  let t = Math.ceil(at.getTime() / QUARTER_HOUR) * QUARTER_HOUR;
  for (let i = 0; i < 8 * 24 * 4; i++, t += QUARTER_HOUR) {
    if (inEmailHours(new Date(t), hours)) return new Date(t);
  }
  return at;
}
