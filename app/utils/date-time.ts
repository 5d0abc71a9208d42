// Formatters are costly to build: one per time zone, kept.
const formats = new Map<string, Intl.DateTimeFormat>();

/** A moment as "12 Nov 2026, 14:05" in the organisation's time zone. */
export function formatDateTime(value: Date | string | null | undefined, timeZone: string): string {
  if (!value) return "—";
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone });
    formats.set(timeZone, f);
  }
  return f.format(typeof value === "string" ? new Date(value) : value);
}

const STEPS: [limitSeconds: number, unitSeconds: number, unit: Intl.RelativeTimeFormatUnit][] = [
  [60, 1, "second"],
  [3600, 60, "minute"],
  [86_400, 3600, "hour"],
  [7 * 86_400, 86_400, "day"],
  [30 * 86_400, 7 * 86_400, "week"],
  [365 * 86_400, 30 * 86_400, "month"],
  [Infinity, 365 * 86_400, "year"],
];
const relative = new Intl.RelativeTimeFormat("en-GB", { numeric: "auto" });

/** "5 minutes ago", "yesterday": `now` comes from the loader, so the server and the browser render the same words. */
export function timeAgo(value: Date | string, now: Date | string): string {
  const seconds = (new Date(value).getTime() - new Date(now).getTime()) / 1000;
  if (Math.abs(seconds) < 45) return "just now";
  const [, unitSeconds, unit] = STEPS.find(([limit]) => Math.abs(seconds) < limit)!;
  return relative.format(Math.round(seconds / unitSeconds), unit);
}
