/**
 * Employment status as HR systems write it, read as what Baton needs to know: is this person still working
 * here? People on leave are (they come back to the same training); a value Baton does not know is a row problem
 * rather than a guess, since a wrong guess would shut someone out or keep a leaver signed in.
 */
import type { CsvProblem } from "../csv";

export type EmploymentStatus = "active" | "inactive" | "unknown";

const ACTIVE = [
  "active",
  "a",
  "employed",
  "current",
  "on leave",
  "leave",
  "leave of absence",
  "loa",
  "paid leave",
  "unpaid leave",
  "parental leave",
  "maternity leave",
  "paternity leave",
  "sick leave",
  "full time",
  "part time",
  "permanent",
  "temporary",
  "fixed term",
  "intern",
  "seasonal",
  "contractor",
  "contingent worker",
  "probation",
  "pre hire",
  "prehire",
  "hired",
  "new hire",
  "aktiv",
  "actif",
  "actief",
  "attivo",
  "activo",
];

const INACTIVE = [
  "terminated",
  "t",
  "term",
  "inactive",
  "i",
  "left",
  "leaver",
  "resigned",
  "retired",
  "withdrawn",
  "separated",
  "dismissed",
  "deceased",
  "laid off",
  "former",
  "former employee",
  "no longer employed",
  "not employed",
  "contract ended",
  "inaktiv",
  "ausgetreten",
  "inactif",
  "inactief",
  "uit dienst",
];

const key = (value: string) =>
  value
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

const STATUS = new Map<string, EmploymentStatus>([...ACTIVE.map((v) => [key(v), "active"] as const), ...INACTIVE.map((v) => [key(v), "inactive"] as const)]);

/** "Active", "On Leave", "Full-Time" → active; "Terminated", "T", "Resigned" → inactive; null when the cell is empty. */
export function employmentStatus(value: string): EmploymentStatus | null {
  const k = key(value);
  if (k === "") return null;
  return STATUS.get(k) ?? "unknown";
}

/**
 * A row's status with its problem when the value is unknown. An empty cell says nothing: the import keeps what
 * Baton has (and creates a new person active), as when the column is not mapped.
 */
export function readEmploymentStatus(value: string, line: number): { status: EmploymentStatus | null; problem: CsvProblem | null } {
  const status = employmentStatus(value);
  if (status !== "unknown") return { status, problem: null };
  return {
    status,
    problem: { line, message: `Unknown employment status “${value.trim()}”: Baton reads values such as Active, On Leave, Terminated or Resigned.` },
  };
}
