/** A certificate's dates in full, year included: it is read long after it was issued. */
const longFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

export const longDate = (d: Date) => longFormat.format(d);

/**
 * Midnight UTC of the day `months` calendar months after the day of `from`. A day the target month lacks becomes
 * its last day (31 January + 1 month = 28 or 29 February), as people count "valid for a month".
 */
export function addMonths(from: Date, months: number): Date {
  const year = from.getUTCFullYear();
  const month = from.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(from.getUTCDate(), lastDay)));
}

/** When a certificate issued at `issuedAt` stops being valid: the issue day plus the curriculum's months (null: never). */
export const validUntilFor = (issuedAt: Date, validityMonths: number | null) => (validityMonths === null ? null : addMonths(issuedAt, validityMonths));
