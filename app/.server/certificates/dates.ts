/** A certificate's dates in full, year included: it is read long after it was issued. */
const longFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

export const longDate = (d: Date) => longFormat.format(d);
