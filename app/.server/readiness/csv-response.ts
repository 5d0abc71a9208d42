import { filteredReadiness, parseReportFilter } from "./hr-report";
import { readinessCsv, readinessDetailCsv } from "./report";

/** The CSV of exactly what the report's filters show, as a download. */
export async function readinessCsvResponse(url: URL, kind: "summary" | "detail", now = new Date()) {
  const { rows } = await filteredReadiness(parseReportFilter(url), now);
  const csv = kind === "summary" ? readinessCsv(rows) : readinessDetailCsv(rows);
  const name = `baton-readiness${kind === "detail" ? "-detail" : ""}-${now.toISOString().slice(0, 10)}.csv`;
  // A BOM so spreadsheet programs read UTF-8 names correctly.
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
}
