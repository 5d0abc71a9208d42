/**
 * Reading the people CSV that HR systems export. papaparse does the CSV; this module finds the columns,
 * keeps each row's line number in the file and reports rows the file itself has broken. Pure.
 */
import Papa from "papaparse";

export const IMPORT_COLUMNS = {
  email: { label: "email", required: true, aliases: ["email", "emailaddress", "workemail"] },
  name: { label: "name", required: true, aliases: ["name", "fullname"] },
  department: { label: "department", required: true, aliases: ["department", "dept"] },
  jobTitle: { label: "job title", required: true, aliases: ["jobtitle", "title", "position"] },
  managerEmail: { label: "manager email", required: true, aliases: ["manageremail", "manageremailaddress", "linemanageremail"] },
  startDate: { label: "start date", required: true, aliases: ["startdate", "start", "hiredate"] },
  role: { label: "role", required: false, aliases: ["role", "batonrole"] },
} as const;

export type ImportColumn = keyof typeof IMPORT_COLUMNS;

/** One data row, trimmed, with the line of the file it starts on. */
export type CsvRow = { line: number } & Record<ImportColumn, string>;
export type CsvProblem = { line: number; message: string };

export type CsvRead =
  | { ok: true; rows: CsvRow[]; problems: CsvProblem[]; delimiter: "," | ";"; hasRoleColumn: boolean; ignoredColumns: string[] }
  | { ok: false; message: string };

/** "Job Title", "job_title", "JOB-TITLE" and "jobtitle" are the same column. */
const normalizeHeader = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, "");

const columnFor = new Map<string, ImportColumn>(
  Object.entries(IMPORT_COLUMNS).flatMap(([key, c]) => c.aliases.map((a) => [a, key as ImportColumn] as const)),
);

/** The header line decides: semicolons (as spreadsheet programs in much of Europe write) or commas. */
function detectDelimiter(text: string): "," | ";" {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (ch: string) => firstLine.split(ch).length - 1;
  return count(";") > count(",") ? ";" : ",";
}

export function readPeopleCsv(input: string): CsvRead {
  const text = input.replace(/^\uFEFF/, "");
  if (text.trim() === "") return { ok: false, message: "The file is empty." };
  const delimiter = detectDelimiter(text);

  let header: string[] | null = null;
  let indexOf: Partial<Record<ImportColumn, number>> = {};
  const rows: CsvRow[] = [];
  const problems: CsvProblem[] = [];
  let headerProblem: string | null = null;
  let ignoredColumns: string[] = [];
  // Line numbers: count the line breaks papaparse moved past, so quoted fields spanning lines stay exact.
  let line = 1;
  let cursor = 0;
  const newline = text.includes("\n") ? "\n" : "\r";

  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    step: (result, parser) => {
      const rowLine = line;
      const end = result.meta.cursor;
      for (let i = text.indexOf(newline, cursor); i !== -1 && i < end; i = text.indexOf(newline, i + 1)) line += 1;
      cursor = end;
      const values = result.data.map((v) => v.trim());
      if (values.every((v) => v === "")) return;

      if (!header) {
        header = values;
        const seen = new Map<ImportColumn, string>();
        ignoredColumns = [];
        values.forEach((h, i) => {
          const key = columnFor.get(normalizeHeader(h));
          if (!key) {
            if (h) ignoredColumns.push(h);
            return;
          }
          if (seen.has(key)) headerProblem ??= `The columns “${seen.get(key)}” and “${h}” both mean ${IMPORT_COLUMNS[key].label}: keep one.`;
          seen.set(key, h);
          indexOf[key] = i;
        });
        const missing = (Object.keys(IMPORT_COLUMNS) as ImportColumn[]).filter((k) => IMPORT_COLUMNS[k].required && indexOf[k] === undefined);
        if (missing.length > 0) {
          const names = missing.map((k) => `“${IMPORT_COLUMNS[k].label}”`).join(", ");
          headerProblem ??=
            `The file has no ${names} ${missing.length === 1 ? "column" : "columns"}. ` +
            `The first line must name the columns: email, name, department, job title, manager email, start date, and optionally role ` +
            `(found: ${values.filter(Boolean).join(", ") || "nothing"}).`;
        }
        if (headerProblem) parser.abort();
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
      const get = (k: ImportColumn) => {
        const i = indexOf[k];
        return i === undefined ? "" : (values[i] ?? "");
      };
      rows.push({
        line: rowLine,
        email: get("email"),
        name: get("name"),
        department: get("department"),
        jobTitle: get("jobTitle"),
        managerEmail: get("managerEmail"),
        startDate: get("startDate"),
        role: get("role"),
      });
    },
  });

  if (headerProblem) return { ok: false, message: headerProblem };
  if (!header) return { ok: false, message: "The file is empty." };
  if (rows.length === 0 && problems.length === 0) return { ok: false, message: "The file has a header line but no people in it." };
  return { ok: true, rows, problems, delimiter, hasRoleColumn: indexOf.role !== undefined, ignoredColumns };
}
