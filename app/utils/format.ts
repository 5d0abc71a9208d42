// Built once: toLocaleDateString makes a new formatter per call, far too slow for reports of thousands of rows.
const dayFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** Dates are shown as calendar days in UTC, which is how start and due dates are stored. */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return "—";
  return dayFormat.format(typeof value === "string" ? new Date(value) : value);
}

export function toDateInput(value: string | Date | null | undefined): string {
  if (!value) return "";
  const d = typeof value === "string" ? new Date(value) : value;
  return d.toISOString().slice(0, 10);
}

export const roleLabel = { LEARNER: "New hire", MANAGER: "Manager", HR: "HR" } as const;
