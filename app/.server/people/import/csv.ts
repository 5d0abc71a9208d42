/**
 * Reading the people CSV that HR systems export. papaparse does the CSV; this module reads the header row
 * and each row's values with its line number in the file, and reports rows the file itself has broken (any
 * header: the column mapping, mapped-rows.ts, decides what the columns mean). Pure, and it reads
 * a big file in slices, letting other requests in between (docs/decisions/010).
 */
import Papa from "papaparse";
import { MAX_IMPORT_ROWS, tooManyRowsMessage } from "./limits";
import { yieldToOthers } from "../../pace";
import type { Table } from "./table";

const IMPORT_COLUMNS = {
  email: { label: "email", required: true, aliases: ["email", "emailaddress", "workemail"] },
  name: { label: "name", required: true, aliases: ["name", "fullname"] },
  department: { label: "department", required: true, aliases: ["department", "dept"] },
  jobTitle: { label: "job title", required: true, aliases: ["jobtitle", "title", "position"] },
  managerEmail: { label: "manager email", required: true, aliases: ["manageremail", "manageremailaddress", "linemanageremail"] },
  startDate: { label: "start date", required: true, aliases: ["startdate", "start", "hiredate"] },
  role: { label: "role", required: false, aliases: ["role", "batonrole"] },
} as const;

type ImportColumn = keyof typeof IMPORT_COLUMNS;

/** One data row, trimmed, with the line of the file it starts on. */
export type CsvRow = { line: number } & Record<ImportColumn, string>;
export type CsvProblem = { line: number; message: string };

export type CsvRead =
  { ok: true; rows: CsvRow[]; problems: CsvProblem[]; delimiter: "," | ";"; hasRoleColumn: boolean; ignoredColumns: string[] } | { ok: false; message: string };

export type TableRead = { ok: true; table: Table; delimiter: "," | ";" } | { ok: false; message: string };

/** "Job Title", "job_title", "JOB-TITLE" and "jobtitle" are the same column. */
const normalizeHeader = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, "");

const columnFor = new Map<string, ImportColumn>(Object.entries(IMPORT_COLUMNS).flatMap(([key, c]) => c.aliases.map((a) => [a, key as ImportColumn] as const)));

/** The header line decides: semicolons (as spreadsheet programs in much of Europe write) or commas. */
function detectDelimiter(text: string): "," | ";" {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (ch: string) => firstLine.split(ch).length - 1;
  return count(";") > count(",") ? ";" : ",";
}

const LINE_BREAKS = ["\r\n", "\n", "\r"] as const;
type LineBreak = (typeof LINE_BREAKS)[number];

/** About 2,500 rows of a typical export: the longest the reader keeps others waiting is one slice. */
const SLICE_CHARS = 256 * 1024;

/**
 * Where each slice of whole records ends. papaparse's own chunking finds the ends (a quoted value may span
 * lines, so a line break is not always one), and pausing it between chunks is what lets others in.
 */
function eachSlice(
  text: string,
  opts: { delimiter: string; newline: LineBreak; sliceChars: number },
  read: (start: number, end: number) => boolean,
): Promise<void> {
  let start = 0;
  return new Promise<void>((resolve, reject) => {
    const finish = () => {
      try {
        if (start < text.length) read(start, text.length);
        start = text.length;
        resolve();
      } catch (error) {
        reject(error);
      }
    };
    Papa.parse<string[]>(text, {
      delimiter: opts.delimiter,
      newline: opts.newline,
      chunkSize: opts.sliceChars,
      chunk: (result: Papa.ParseResult<string[]>, parser: Papa.Parser) => {
        try {
          const end = Math.max(start, result.meta.cursor);
          const more = read(start, end);
          start = end;
          if (!more) {
            start = text.length;
            parser.abort();
          } else if (end < text.length) {
            parser.pause();
            void yieldToOthers().then(() => {
              try {
                parser.resume();
              } catch (error) {
                reject(error);
              }
            });
          }
        } catch (error) {
          reject(error);
          start = text.length;
          parser.abort();
        }
      },
      complete: finish,
    });
  });
}

/**
 * Any CSV as a table: the first non-empty line is the header, every later non-empty line a row with its line
 * number. `onHeader` may refuse the header (its message ends the read before the rows are parsed).
 */
export async function readCsvTable(
  input: string,
  opts: { maxRows?: number; sliceChars?: number; onHeader?: (headers: string[]) => string | null } = {},
): Promise<TableRead> {
  const maxRows = opts.maxRows ?? MAX_IMPORT_ROWS;
  const text = input.replace(/^\uFEFF/, "");
  if (text.trim() === "") return { ok: false, message: "The file is empty." };
  const delimiter = detectDelimiter(text);
  // papaparse guesses the line break from the first megabyte; every slice must use that same guess.
  const guessed = Papa.parse<string[]>(text.slice(0, 1024 * 1024), { delimiter, preview: 1 }).meta.linebreak;
  const newline = LINE_BREAKS.find((b) => b === guessed) ?? "\n";

  let header: string[] | null = null;
  const rows: Table["rows"] = [];
  const problems: CsvProblem[] = [];
  let headerProblem: string | null = null;
  let tooMany = false;
  // Line numbers: count the line breaks papaparse moved past, so quoted fields spanning lines stay exact.
  let line = 1;
  const lineBreak = text.includes("\n") ? "\n" : "\r";

  const readSlice = (start: number, end: number): boolean => {
    const slice = text.slice(start, end);
    let cursor = 0;
    Papa.parse<string[]>(slice, {
      delimiter,
      newline,
      skipEmptyLines: false,
      step: (result, parser) => {
        const rowLine = line;
        const rowEnd = result.meta.cursor;
        for (let i = slice.indexOf(lineBreak, cursor); i !== -1 && i < rowEnd; i = slice.indexOf(lineBreak, i + 1)) line += 1;
        cursor = rowEnd;
        const values = result.data.map((v) => v.trim());
        if (values.every((v) => v === "")) return;

        if (!header) {
          header = values;
          headerProblem = opts.onHeader?.(values) ?? null;
          if (headerProblem) parser.abort();
          return;
        }
        if (rows.length + problems.length >= maxRows) {
          tooMany = true;
          parser.abort();
          return;
        }
        if (result.errors.some((e) => e.type === "Quotes")) {
          problems.push({ line: rowLine, message: "A quoted value is not closed: check the quotation marks on this line." });
          return;
        }
        if (values.length !== header.length) {
          problems.push({ line: rowLine, message: `This line has ${values.length} values but the header has ${header.length} columns.` });
          return;
        }
        rows.push({ line: rowLine, values });
      },
    });
    return !headerProblem && !tooMany;
  };

  await eachSlice(text, { delimiter, newline, sliceChars: opts.sliceChars ?? SLICE_CHARS }, readSlice);

  if (headerProblem) return { ok: false, message: headerProblem };
  if (tooMany) return { ok: false, message: tooManyRowsMessage(maxRows) };
  const headers: string[] | null = header;
  if (!headers) return { ok: false, message: "The file is empty." };
  if (rows.length === 0 && problems.length === 0) return { ok: false, message: "The file has a header line but no people in it." };
  return { ok: true, table: { headers, rows, problems }, delimiter };
}

/**
 * The people CSV in Baton's own columns (email, name, department, job title, manager email, start date, role),
 * as files were written before column mapping: the benchmarks and the plan's tests read it.
 */
export async function readPeopleCsv(input: string, opts: { maxRows?: number; sliceChars?: number } = {}): Promise<CsvRead> {
  const indexOf: Partial<Record<ImportColumn, number>> = {};
  let ignoredColumns: string[] = [];
  const onHeader = (values: string[]): string | null => {
    let problem: string | null = null;
    const seen = new Map<ImportColumn, string>();
    ignoredColumns = [];
    values.forEach((h, i) => {
      const key = columnFor.get(normalizeHeader(h));
      if (!key) {
        if (h) ignoredColumns.push(h);
        return;
      }
      if (seen.has(key)) problem ??= `The columns “${seen.get(key)}” and “${h}” both mean ${IMPORT_COLUMNS[key].label}: keep one.`;
      seen.set(key, h);
      indexOf[key] = i;
    });
    const missing = (Object.keys(IMPORT_COLUMNS) as ImportColumn[]).filter((k) => IMPORT_COLUMNS[k].required && indexOf[k] === undefined);
    if (missing.length > 0) {
      const names = missing.map((k) => `“${IMPORT_COLUMNS[k].label}”`).join(", ");
      problem ??=
        `The file has no ${names} ${missing.length === 1 ? "column" : "columns"}. ` +
        `The first line must name the columns: email, name, department, job title, manager email, start date, and optionally role ` +
        `(found: ${values.filter(Boolean).join(", ") || "nothing"}).`;
    }
    return problem;
  };
  const read = await readCsvTable(input, { ...opts, onHeader });
  if (!read.ok) return read;
  const rows = read.table.rows.map(({ line, values }): CsvRow => {
    const get = (k: ImportColumn) => {
      const i = indexOf[k];
      return i === undefined ? "" : (values[i] ?? "");
    };
    return {
      line,
      email: get("email"),
      name: get("name"),
      department: get("department"),
      jobTitle: get("jobTitle"),
      managerEmail: get("managerEmail"),
      startDate: get("startDate"),
      role: get("role"),
    };
  });
  return { ok: true, rows, problems: read.table.problems, delimiter: read.delimiter, hasRoleColumn: indexOf.role !== undefined, ignoredColumns };
}
