/**
 * Every CSV Baton writes goes through here, so no cell can smuggle a live spreadsheet formula (issue 15, OWASP
 * "CSV injection"). A cell is neutralised — prefixed with a single quote — when ANY of its lines starts with a
 * character a spreadsheet reads as a formula (= + - @, tab, carriage return): papaparse's own check looks at
 * the first character only, and a value with a line break carried a formula past it.
 */
import Papa from "papaparse";

const FORMULA_START = /(^|[\r\n])[=+\-@\t\r]/;

export function formulaSafe(value: unknown): unknown {
  if (typeof value !== "string" || !FORMULA_START.test(value)) return value;
  // Numbers written by Baton itself ("-3", "-0.25") stay numbers: only text can be a formula here.
  if (/^-?\d+(\.\d+)?$/.test(value)) return value;
  return `'${value}`;
}

const OPTIONS = { newline: "\r\n", escapeFormulae: false } as const;

/** Rows (arrays of cells) as CSV lines ending in CRLF, every text cell made safe. */
export function csvRows(rows: unknown[][]): string {
  if (rows.length === 0) return "";
  return (
    Papa.unparse(
      rows.map((r) => r.map(formulaSafe)),
      OPTIONS,
    ) + "\r\n"
  );
}

/** A header line (names can come from people: they are made safe too). */
export const csvHeader = (fields: string[]) => csvRows([fields]);

/** A whole table: header and rows. */
export const csvTable = (fields: string[], rows: unknown[][]) => csvHeader(fields) + csvRows(rows);
