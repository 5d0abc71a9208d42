/**
 * Reading an .xlsx upload: every sheet's cells as the text HR sees in the spreadsheet, row 1 first, so the
 * import treats a sheet exactly like a CSV (table.ts). Read as a stream, a row at a time, with the CSV's limits.
 */
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, tooManyBytesMessage, tooManyRowsMessage } from "./limits";

type WorkbookLimits = { maxRows: number; maxBytes: number };
export type Sheet = { name: string; rows: string[][] };
export type WorkbookRead = { ok: true; sheets: Sheet[] } | { ok: false; message: string };

const NOT_A_WORKBOOK = "The file is not an Excel workbook (.xlsx) that can be read. Save it again as .xlsx or CSV and upload that: nothing was imported.";

/** A spreadsheet expands when unzipped; past this many times the upload limit it is refused before it is read. */
const UNZIPPED_FACTOR = 8;

/**
 * The sizes the zip's central directory declares for its files, summed; null when the buffer is not a zip.
 * Read before unzipping anything, so a small file that unpacks into gigabytes is refused at once.
 */
function unzippedSize(buffer: Buffer): number | null {
  // The end-of-central-directory record: 22 bytes plus a comment of up to 65,535 at the very end.
  const from = Math.max(0, buffer.length - 22 - 0xffff);
  for (let at = buffer.length - 22; at >= from; at--) {
    if (buffer.readUInt32LE(at) !== 0x06054b50) continue;
    const entries = buffer.readUInt16LE(at + 10);
    let entry = buffer.readUInt32LE(at + 16);
    let total = 0;
    for (let i = 0; i < entries; i++) {
      if (entry + 46 > buffer.length || buffer.readUInt32LE(entry) !== 0x02014b50) return null;
      const size = buffer.readUInt32LE(entry + 24);
      // 0xFFFFFFFF: a Zip64 size, over 4 GB.
      total += size === 0xffffffff ? Number.POSITIVE_INFINITY : size;
      entry += 46 + buffer.readUInt16LE(entry + 28) + buffer.readUInt16LE(entry + 30) + buffer.readUInt16LE(entry + 32);
    }
    return total;
  }
  return null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** A number as the cell shows it in General format: never "1e+21" or "1e-7". */
function numberText(n: number): string {
  if (!Number.isFinite(n)) return "";
  const plain = String(n);
  return /e/i.test(plain) ? n.toLocaleString("en-US", { useGrouping: false, maximumSignificantDigits: 15 }) : plain;
}

/** Excel keeps dates as fractions of days: the nearest second undoes the rounding, and the day is all HR needs. */
const dayText = (d: Date) => new Date(Math.round(d.getTime() / 1000) * 1000).toISOString().slice(0, 10);

/** One cell's value (as exceljs gives it) as text: formulas by their result, rich text and links by their text. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return numberText(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : dayText(value);
  if (!isObject(value)) return "";
  if ("formula" in value || "sharedFormula" in value) return cellText(value.result);
  if (Array.isArray(value.richText)) return value.richText.map((part: unknown) => (isObject(part) && typeof part.text === "string" ? part.text : "")).join("");
  if ("hyperlink" in value || "text" in value) return cellText(value.text);
  if (typeof value.error === "string") return value.error;
  return "";
}

type SheetReader = AsyncIterable<ExcelJS.Row> & { name?: string; id?: number };

/**
 * Every sheet of a workbook, in the workbook's order, each row as text (`rows[i]` is spreadsheet row i + 1; empty
 * rows are empty arrays). Refused like a CSV: more than `maxBytes` in the file or in its text, or a sheet with more
 * than `maxRows` rows under its header.
 */
export async function readWorkbook(buffer: Buffer, limits: WorkbookLimits = { maxRows: MAX_IMPORT_ROWS, maxBytes: MAX_IMPORT_BYTES }): Promise<WorkbookRead> {
  if (buffer.length > limits.maxBytes) return { ok: false, message: tooManyBytesMessage(buffer.length) };
  const unzipped = unzippedSize(buffer);
  if (unzipped === null) return { ok: false, message: NOT_A_WORKBOOK };
  if (unzipped > limits.maxBytes * UNZIPPED_FACTOR) return { ok: false, message: tooManyBytesMessage() };

  const stream = Readable.from(buffer);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "emit",
  });
  const sheets: Sheet[] = [];
  let chars = 0;
  try {
    for await (const sheetReader of reader as AsyncIterable<SheetReader>) {
      const rows: string[][] = [];
      let filled = 0;
      for await (const row of sheetReader) {
        // row.values is 1-based: index 0 is always empty.
        const cells = Array.isArray(row.values) ? row.values.slice(1) : [];
        const texts = Array.from(cells, (v) => cellText(v));
        while (texts.length > 0 && texts[texts.length - 1] === "") texts.pop();
        if (texts.length === 0) continue;
        // The header is the first row with something in it; every later one counts against the limit.
        if (++filled > limits.maxRows + 1) return { ok: false, message: tooManyRowsMessage(limits.maxRows) };
        chars += texts.reduce((n, t) => n + t.length + 1, 0);
        if (chars > limits.maxBytes) return { ok: false, message: tooManyBytesMessage() };
        while (rows.length < row.number - 1) rows.push([]);
        rows.push(texts);
      }
      sheets.push({ name: sheetReader.name ?? `Sheet ${sheets.length + 1}`, rows });
    }
  } catch {
    return { ok: false, message: NOT_A_WORKBOOK };
  } finally {
    stream.destroy();
  }
  if (sheets.length === 0) return { ok: false, message: "The workbook has no sheets: nothing was imported." };
  return { ok: true, sheets };
}
