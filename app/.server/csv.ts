/**
 * Every CSV Baton writes goes through here, so no cell can smuggle a live spreadsheet formula (issue 15, OWASP
 * "CSV injection"). A cell is neutralised — prefixed with a single quote — when ANY of its lines starts with a
 * character a spreadsheet reads as a formula (= + - @, tab, carriage return): papaparse's own check looks at
 * the first character only, and a value with a line break carried a formula past it.
 */
import Papa from "papaparse";
import { yieldToOthers } from "./pace";

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

/**
 * A CSV download streamed from `parts` (lines as they are produced): a BOM so spreadsheets read UTF-8 names,
 * other requests served between chunks, and the producer stopped if the browser goes away.
 */
export function csvDownload(parts: AsyncGenerator<string>, fileName: string): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode("\uFEFF"));
    },
    async pull(controller) {
      const next = await parts.next();
      if (next.done) controller.close();
      else {
        controller.enqueue(encoder.encode(next.value));
        await yieldToOthers();
      }
    },
    async cancel() {
      await parts.return(undefined);
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${fileName}"`, "Cache-Control": "no-store" },
  });
}
