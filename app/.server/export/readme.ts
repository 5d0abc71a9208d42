/** The README.md inside the export zip, written from the same column definitions as the CSV files. */
import type { ExportFile } from "./columns";

export type ExportManifest = {
  exportedAt: Date;
  batonVersion: string;
  /** Rows written per file name. */
  rows: Record<string, number>;
};

// A description is one table cell: no line breaks, and a "|" would end the cell.
const cell = (text: string) => text.replace(/\s+/g, " ").replace(/\|/g, "\\|");

export function exportReadme(files: readonly Pick<ExportFile, "name" | "description" | "columns">[], manifest: ExportManifest): string {
  const lines = [
    "# Baton data export",
    "",
    `Everything your organisation keeps in Baton, exported ${manifest.exportedAt.toISOString()} from Baton ${manifest.batonVersion}.`,
    "",
    "- One CSV file per table: UTF-8 with a byte order mark, comma-separated, a header row, lines ending in CRLF.",
    "- Moments are ISO 8601 in UTC (2026-11-24T09:30:00.000Z); calendar days (start dates, due days) are YYYY-MM-DD.",
    "- true/false for yes/no columns; an empty cell means no value.",
    "- People are named by id and by their e-mail address today; the id is the `id` column of people.csv.",
    "- A cell that starts a line with = + - @ or a tab is prefixed with ' so a spreadsheet cannot run it as a formula.",
    "- Each file was read in pages in a stable order; rows written while the export ran may or may not be in it.",
    "- Not exported: password hashes, session and token hashes, stored secrets, quiz questions and answer keys.",
    "",
    "## Files",
    "",
    "| File | Rows | What it holds |",
    "| --- | ---: | --- |",
    ...files.map((f) => `| ${f.name} | ${manifest.rows[f.name] ?? 0} | ${cell(f.description)} |`),
  ];
  for (const f of files) {
    lines.push("", `## ${f.name}`, "", cell(f.description), "", "| Column | Description |", "| --- | --- |");
    for (const c of f.columns) lines.push(`| ${c.name} | ${cell(c.description)} |`);
  }
  const machine = { exportedAt: manifest.exportedAt.toISOString(), batonVersion: manifest.batonVersion, rows: manifest.rows };
  lines.push("", "## Manifest", "", "For programs reading this export, the same facts on one line of JSON:", "", `manifest: ${JSON.stringify(machine)}`, "");
  return lines.join("\n");
}
