/**
 * What an import reads from a file, whatever its format: the header row, each later row's values with the
 * line (or spreadsheet row) it is on, and the rows the file itself has broken. A CSV (csv.ts) or a spreadsheet
 * sheet (`tableFromSheet`) produces one; the column mapping (mapped-rows.ts) decides what the columns mean.
 */
import type { CsvProblem } from "./csv";
import { MAX_IMPORT_ROWS, tooManyRowsMessage } from "./limits";

export type Table = {
  headers: string[];
  rows: { line: number; values: string[] }[];
  problems: CsvProblem[];
};

/**
 * A sheet's rows (as a spreadsheet reader gives them, row 1 first) as a table, with the same limits as a CSV.
 * Spreadsheets leave trailing empty cells out, so short rows are padded rather than refused.
 */
export function tableFromSheet(
  sheet: readonly (readonly string[])[],
  opts: { maxRows?: number } = {},
): { ok: true; table: Table } | { ok: false; message: string } {
  const maxRows = opts.maxRows ?? MAX_IMPORT_ROWS;
  let headers: string[] | null = null;
  const rows: Table["rows"] = [];
  const problems: CsvProblem[] = [];
  for (const [i, raw] of sheet.entries()) {
    const values = raw.map((v) => v.trim());
    if (values.every((v) => v === "")) continue;
    if (!headers) {
      headers = values;
      continue;
    }
    if (rows.length + problems.length >= maxRows) return { ok: false, message: tooManyRowsMessage(maxRows) };
    if (values.length > headers.length && values.slice(headers.length).some((v) => v !== "")) {
      problems.push({ line: i + 1, message: `This row has values in ${values.length} columns but the header names ${headers.length}.` });
      continue;
    }
    rows.push({ line: i + 1, values: Array.from({ length: headers.length }, (_, c) => values[c] ?? "") });
  }
  if (!headers) return { ok: false, message: "The sheet is empty." };
  if (rows.length === 0 && problems.length === 0) return { ok: false, message: "The sheet has a header row but no people in it." };
  return { ok: true, table: { headers, rows, problems } };
}
