/**
 * A table read through a column mapping: the rows the import plan needs (e-mail, name, department, job title,
 * start date, manager e-mail, employee id, role, location, employment status), each with its line. The mapping is
 * the caller's (HR's choice, or a saved one) or else the proposal from the header names. What cannot be read is
 * a problem: the mapping's on the header line, dates' order once for the file, values on their own line.
 */
import type { CsvProblem } from "./csv";
import { FIELD_SPECS, IMPORT_FIELDS, MANAGER_FIELDS, type ImportField } from "./mapping/fields";
import { detectDateOrder, parseHrDate, readDateColumn, type DateOrderDetection } from "./mapping/dates";
import { resolveManagers, type KnownPerson } from "./mapping/managers";
import { nameOrderFromHeader, personName } from "./mapping/names";
import { ambiguities, checkMapping, columnIndexes, proposeMapping, toMapping, type Mapping } from "./mapping/propose";
import { readEmploymentStatus } from "./mapping/status";
import type { PlanRow } from "./plan";
import type { Table } from "./table";
import { pacer } from "../../pace";

export type DateOrderOption = "dmy" | "mdy";

export type ColumnsInfo = {
  headers: string[];
  /** Per column, its first value in the file's first rows ("" when none), for HR to recognise it by. */
  examples: string[];
  /** What the header names suggest. */
  proposal: Mapping;
  /** What this read used: the caller's mapping, or the proposal. */
  mapping: Mapping;
  /** Header names no field reads (ignored). */
  unmapped: string[];
  /** Why the proposal left a column out, in words. */
  notes: string[];
  /** Why the proposal would need HR's confirmation (empty: the CLI may apply it alone). */
  unclear: string[];
};

export type DatesInfo = { order: "ymd" | DateOrderOption; decidedBy?: { line: number; value: string } } | { order: "ambiguous" };

export type MappedRows = { rows: PlanRow[]; problems: CsvProblem[]; columns: ColumnsInfo; dates: DatesInfo };

const HEADER_LINE = 1;
const EXAMPLE_ROWS = 50;

const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const dayMonth = (d: number, m: number) => `${d} ${MONTH_NAMES[m - 1] ?? "?"}`;

/** "Dates like 03/04/2026 could be 3 April or 4 March": the one problem of a file whose order nothing shows. */
function orderProblem(value: string): CsvProblem {
  const [a = 0, b = 0] = value.split(/[/.-]/).map(Number);
  return {
    line: HEADER_LINE,
    message: `Dates like ${value} could be ${dayMonth(a, b)} or ${dayMonth(b, a)}: choose the day/month order.`,
  };
}

function datesInfo(detection: DateOrderDetection, given: DateOrderOption | undefined): DatesInfo {
  if (given) return { order: given };
  if (detection.order === "ambiguous") return { order: "ambiguous" };
  const w = detection.decidedBy;
  return w?.line !== undefined ? { order: detection.order, decidedBy: { line: w.line, value: w.value } } : { order: detection.order };
}

/**
 * Read `table` through `opts.mapping` (or the proposal). `people` are Baton's, for managers named by employee
 * id or name. A mapping with a problem reads no rows: which column means what is not for the import to guess.
 */
export async function mapRows(
  table: Table,
  people: readonly KnownPerson[],
  opts: { mapping?: Mapping; dateOrder?: DateOrderOption } = {},
): Promise<MappedRows> {
  const { headers } = table;
  const proposal = proposeMapping(headers);
  const proposed = toMapping(proposal);
  const mapping = opts.mapping ?? proposed;
  const mappedHeaders = new Set(IMPORT_FIELDS.flatMap((f) => (mapping[f] ? [mapping[f].trim().toLowerCase()] : [])));
  const sample = table.rows.slice(0, EXAMPLE_ROWS);
  const columns: ColumnsInfo = {
    headers,
    examples: headers.map((_, i) => sample.find((r) => (r.values[i] ?? "") !== "")?.values[i] ?? ""),
    proposal: proposed,
    mapping,
    unmapped: headers.filter((h) => h !== "" && !mappedHeaders.has(h.trim().toLowerCase())),
    notes: proposal.notes,
    unclear: ambiguities(proposal),
  };
  const mappingProblems = checkMapping(mapping, headers, { line: HEADER_LINE });
  if (mappingProblems.length > 0) return { rows: [], problems: [...mappingProblems, ...table.problems], columns, dates: { order: "ymd" } };

  const at = columnIndexes(mapping, headers);
  const pace = pacer();
  const problems: CsvProblem[] = [...table.problems];
  const cell = (values: string[], field: ImportField) => {
    const i = at[field];
    return i === null ? undefined : (values[i] ?? "");
  };

  // Dates: the file's order, decided once; an order nothing shows is one problem for the file, never a guess.
  let dates: Map<number, Date | null> | null = null;
  let dateInfo: DatesInfo = { order: "ymd" };
  if (at.startDate !== null) {
    const values = table.rows.map((r) => ({ line: r.line, value: cell(r.values, "startDate") ?? "" }));
    const detection = opts.dateOrder ? null : detectDateOrder(values);
    if (detection && detection.order === "ambiguous" && !detection.conflict) {
      dateInfo = { order: "ambiguous" };
      dates = new Map();
      let asked = false;
      for (const { line, value } of values) {
        if (pace.due()) await pace.pause();
        const parsed = value.trim() === "" ? null : parseHrDate(value, "ambiguous", "start date");
        dates.set(line, parsed?.ok ? parsed.date : null);
        if (!parsed || parsed.ok) continue;
        if (!parsed.needsOrder) problems.push({ line, message: parsed.message });
        else if (!asked) {
          asked = true;
          problems.push(orderProblem(value.trim()));
        }
      }
    } else {
      const read = readDateColumn(values, { order: opts.dateOrder, label: "start date" });
      dates = read.dates;
      problems.push(...read.problems);
      dateInfo = datesInfo(read.detection, opts.dateOrder);
    }
  }

  const nameOrder = mapping.fullName ? nameOrderFromHeader(mapping.fullName) : undefined;
  const managerField = MANAGER_FIELDS.find((f) => at[f] !== null);
  const rows: PlanRow[] = [];
  for (const { line, values } of table.rows) {
    if (pace.due()) await pace.pause();
    const status = at.employmentStatus === null ? null : readEmploymentStatus(cell(values, "employmentStatus") ?? "", line);
    if (status?.problem) problems.push(status.problem);
    rows.push({
      line,
      email: cell(values, "email") ?? "",
      name: personName({ full: cell(values, "fullName"), first: cell(values, "firstName"), last: cell(values, "lastName") }, nameOrder),
      department: cell(values, "department"),
      jobTitle: cell(values, "jobTitle"),
      startDate: dates ? (dates.get(line) ?? null) : undefined,
      managerEmail: managerField ? (cell(values, managerField) ?? "") : undefined,
      role: cell(values, "role") ?? "",
      employeeId: cell(values, "employeeId"),
      location: cell(values, "location"),
      status: status?.status === "unknown" ? null : (status?.status ?? null),
    });
  }

  // Managers named by employee id or name become e-mails here; an e-mail column is checked by the plan.
  if (managerField && managerField !== "managerEmail") {
    const resolved = await resolveManagers(
      rows.map((r) => ({ line: r.line, email: r.email, name: r.name, employeeId: r.employeeId ?? null, manager: r.managerEmail ?? "" })),
      people,
      { column: managerField },
    );
    problems.push(...resolved.problems);
    const byLine = new Map(resolved.managers.map((m) => [m.line, m.managerEmail]));
    for (const r of rows) r.managerEmail = byLine.get(r.line) ?? "";
  }
  problems.sort((a, b) => a.line - b.line);
  return { rows, problems, columns, dates: dateInfo };
}

/** Fields as the preview's selects offer them: the field key and its label, in Baton's order. */
export const MAPPING_FIELDS = IMPORT_FIELDS.map((field) => ({ field, label: FIELD_SPECS[field].label }));
