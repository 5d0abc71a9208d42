/**
 * An uploaded people file as it is kept between preview and confirmation (ImportUpload.text): a CSV as its text, a
 * spreadsheet as every sheet's cells behind a marker line, so HR can choose the sheet in the preview and the
 * confirmation re-reads exactly what was previewed.
 */
import { readCsvTable, type TableRead } from "./csv";
import { tableFromSheet } from "./table";
import type { Sheet } from "./xlsx";

const WORKBOOK_MARK = "baton-workbook:1\n";

export const workbookText = (sheets: Sheet[]) => WORKBOOK_MARK + JSON.stringify(sheets.map((s) => ({ name: s.name, rows: s.rows })));

const sheetsOf = (text: string): Sheet[] | null => (text.startsWith(WORKBOOK_MARK) ? (JSON.parse(text.slice(WORKBOOK_MARK.length)) as Sheet[]) : null);

/** The table of a kept file: a CSV's, or the chosen sheet's (the first by default), with the sheets to choose from. */
export async function readUploadedTable(text: string, sheet?: string): Promise<TableRead & { sheets: string[] | null; sheet: string | null }> {
  const sheets = sheetsOf(text);
  if (!sheets) return { ...(await readCsvTable(text)), sheets: null, sheet: null };
  const names = sheets.map((s) => s.name);
  const chosen = sheets.find((s) => s.name === sheet) ?? sheets[0];
  if (!chosen) return { ok: false, message: "The workbook has no sheets.", sheets: names, sheet: null };
  const read = tableFromSheet(chosen.rows);
  return read.ok ? { ...read, delimiter: ",", sheets: names, sheet: chosen.name } : { ...read, sheets: names, sheet: chosen.name };
}
