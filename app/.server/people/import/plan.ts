/**
 * What an import would do, decided before anything is written: who is created, updated or left as is, and
 * every row that cannot be imported with its line and reason. Pure: the same file and the same people in
 * Baton always give the same plan, which is what makes re-importing a file change nothing. Its loops pause
 * every few milliseconds so a big file does not keep other requests waiting (docs/decisions/010).
 */
import { z } from "zod";
import type { Role } from "~/generated/prisma/enums";
import type { CsvProblem, CsvRow } from "./csv";
import { hasControlCharacters } from "../../forms/text";
import { pacer } from "../../pace";

/** What the file says about a person, and what Baton has: the fields an import compares. */
type PersonFields = {
  email: string;
  name: string;
  role: Role;
  department: string | null;
  jobTitle: string | null;
  startDate: Date | null;
  managerEmail: string | null;
};

export type ExistingPerson = PersonFields & { id: string; deactivatedAt: Date | null };

/** A person as the file wants them. */
export type PersonFromFile = PersonFields & { line: number };

type PlannedUpdate = PersonFromFile & { id: string; changes: string[]; roleChanged: boolean };

export type ImportPlan = {
  rowCount: number;
  creates: PersonFromFile[];
  updates: PlannedUpdate[];
  unchanged: number;
  /** Bad rows, by line: nothing is imported while there is one. */
  problems: CsvProblem[];
  /** Active people in Baton the file does not list (HR accounts and the importer aside): deactivated only on request. */
  missing: { id: string; email: string; name: string }[];
};

const ROLE_NAMES: Record<string, Role> = {
  learner: "LEARNER",
  newhire: "LEARNER",
  employee: "LEARNER",
  manager: "MANAGER",
  hr: "HR",
};

const EmailSchema = z.string().email();
const isEmail = (s: string) => EmailSchema.safeParse(s).success;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
function parseDay(s: string): Date | null {
  if (!ISO_DAY.test(s)) return null;
  const d = new Date(`${s}T00:00:00.000Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s ? null : d;
}

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "none");
const text = (s: string | null) => s ?? "none";

export async function planImport(rows: CsvRow[], existing: ExistingPerson[], opts: { csvProblems?: CsvProblem[]; actorId?: string } = {}): Promise<ImportPlan> {
  const pace = pacer();
  const problems: CsvProblem[] = [...(opts.csvProblems ?? [])];
  const byEmail = new Map(existing.map((p) => [p.email, p]));
  const firstLine = new Map<string, number>();
  const fileRows: (PersonFromFile & { explicitRole: Role | null })[] = [];
  const badLines = new Set<number>();
  const problem = (line: number, message: string) => {
    problems.push({ line, message });
    badLines.add(line);
  };

  for (const row of rows) {
    if (pace.due()) await pace.pause();
    const email = row.email.toLowerCase();
    const managerEmail = row.managerEmail.toLowerCase() || null;
    if (!email) problem(row.line, "The email is missing.");
    else if (!isEmail(email)) problem(row.line, `Bad email “${row.email}”.`);
    else if (firstLine.has(email)) problem(row.line, `Duplicate email ${email}: it is also on line ${firstLine.get(email)}.`);
    if (!row.name) problem(row.line, "The name is missing.");
    if (row.name.length > 200) problem(row.line, "The name is longer than 200 characters.");
    if (row.department.length > 100 || row.jobTitle.length > 100) problem(row.line, "Department and job title must be under 100 characters.");
    if ([row.name, row.department, row.jobTitle].some((v) => hasControlCharacters(v))) {
      problem(row.line, "The name, department or job title holds an invisible control character (such as NUL) or a line break.");
    }
    const startDate = row.startDate ? parseDay(row.startDate) : null;
    if (row.startDate && !startDate) problem(row.line, `Bad start date “${row.startDate}”: use YYYY-MM-DD, e.g. 2027-01-04.`);
    const explicitRole = row.role ? (ROLE_NAMES[row.role.toLowerCase().replace(/[^a-z]/g, "")] ?? null) : null;
    if (row.role && !explicitRole) problem(row.line, `Unknown role “${row.role}”: use learner, manager or HR (or leave it empty).`);
    if (managerEmail && !isEmail(managerEmail)) problem(row.line, `Bad manager email “${row.managerEmail}”.`);
    if (email && isEmail(email) && !firstLine.has(email)) {
      firstLine.set(email, row.line);
      fileRows.push({
        line: row.line,
        email,
        name: row.name,
        role: "LEARNER",
        explicitRole,
        department: row.department || null,
        jobTitle: row.jobTitle || null,
        startDate,
        managerEmail,
      });
    }
  }

  // Roles: the file's when given; otherwise what Baton has; a new person who manages someone is a manager.
  const inFile = new Map(fileRows.map((r) => [r.email, r]));
  const managesSomeone = new Set(fileRows.flatMap((r) => (r.managerEmail ? [r.managerEmail] : [])));
  for (const r of fileRows) {
    if (pace.due()) await pace.pause();
    const before = byEmail.get(r.email);
    const manages = managesSomeone.has(r.email);
    if (r.explicitRole) r.role = r.explicitRole;
    else if (before) r.role = before.role === "LEARNER" && manages ? "MANAGER" : before.role;
    else r.role = manages ? "MANAGER" : "LEARNER";
    if (before && before.id === opts.actorId && r.role !== before.role) problem(r.line, "An import cannot change your own role.");
  }

  for (const r of fileRows) {
    if (pace.due()) await pace.pause();
    if (!r.managerEmail || !isEmail(r.managerEmail)) continue;
    if (r.managerEmail === r.email) {
      problem(r.line, `Manager cycle: ${r.email} is listed as their own manager.`);
      continue;
    }
    const manager = inFile.get(r.managerEmail);
    const known = byEmail.get(r.managerEmail);
    if (!manager && !known) problem(r.line, `Unknown manager ${r.managerEmail}: they are neither in this file nor in Baton.`);
    else if (manager?.explicitRole === "LEARNER")
      problem(r.line, `The manager ${r.managerEmail} has the role learner on line ${manager.line}: a manager needs the role manager or HR.`);
    else if (!manager && known?.deactivatedAt) problem(r.line, `The manager ${r.managerEmail} is deactivated in Baton.`);
    else if (!manager && known?.role === "LEARNER")
      problem(r.line, `The manager ${r.managerEmail} is a new hire in Baton: add them to the file with the role manager.`);
  }

  for (const cycle of await managerCycles(fileRows, byEmail, pace)) {
    const message = `Manager cycle: ${describeCycle(cycle)}.`;
    for (const email of cycle.slice(0, -1)) {
      if (pace.due()) await pace.pause();
      const r = inFile.get(email);
      if (r) problem(r.line, message);
    }
  }

  const creates: PersonFromFile[] = [];
  const updates: PlannedUpdate[] = [];
  let unchanged = 0;
  for (const { explicitRole: _explicitRole, ...r } of fileRows) {
    if (pace.due()) await pace.pause();
    if (badLines.has(r.line)) continue;
    const before = byEmail.get(r.email);
    if (!before) {
      creates.push(r);
      continue;
    }
    const changes: string[] = [];
    const diff = (label: string, a: string, b: string) => a !== b && changes.push(`${label}: ${a} → ${b}`);
    diff("name", before.name, r.name);
    diff("role", before.role, r.role);
    diff("department", text(before.department), text(r.department));
    diff("job title", text(before.jobTitle), text(r.jobTitle));
    diff("start date", day(before.startDate), day(r.startDate));
    diff("manager", text(before.managerEmail), text(r.managerEmail));
    if (changes.length === 0) unchanged += 1;
    else updates.push({ ...r, id: before.id, changes, roleChanged: before.role !== r.role });
  }

  const missing: ImportPlan["missing"] = [];
  for (const p of existing) {
    if (pace.due()) await pace.pause();
    if (!p.deactivatedAt && !inFile.has(p.email) && p.role !== "HR" && p.id !== opts.actorId) missing.push({ id: p.id, email: p.email, name: p.name });
  }

  problems.sort((a, b) => a.line - b.line);
  return { rowCount: rows.length + (opts.csvProblems?.length ?? 0), creates, updates, unchanged, problems, missing };
}

/** A cycle as a path; a long one is shortened, or every row of a 20,000-person cycle would carry 20,000 e-mails. */
function describeCycle(cycle: string[], shown = 6): string {
  if (cycle.length <= shown + 1) return cycle.join(" → ");
  return `${cycle.slice(0, shown).join(" → ")} → … → ${cycle[cycle.length - 1]} (${cycle.length - 1} people)`;
}

/**
 * Cycles in the manager chain once the file is applied (the file's managers for its people, Baton's for
 * everyone else). Each cycle is returned once, as a path that ends where it starts.
 */
async function managerCycles(
  fileRows: { email: string; managerEmail: string | null }[],
  existing: Map<string, ExistingPerson>,
  pace: ReturnType<typeof pacer>,
): Promise<string[][]> {
  const fileRowsByEmail = new Map(fileRows.map((r) => [r.email, r]));
  const managerOf = (email: string): string | null => {
    const row = fileRowsByEmail.get(email);
    if (row) return row.managerEmail;
    return existing.get(email)?.managerEmail ?? null;
  };
  const state = new Map<string, "open" | "done">();
  const cycles: string[][] = [];
  for (const start of fileRows) {
    if (pace.due()) await pace.pause();
    const path: string[] = [];
    let cursor: string | null = start.email;
    while (cursor && !state.has(cursor)) {
      state.set(cursor, "open");
      path.push(cursor);
      const next = managerOf(cursor);
      cursor = next === cursor ? null : next; // someone as their own manager is reported on its own
    }
    if (cursor && state.get(cursor) === "open") {
      const from = path.indexOf(cursor);
      cycles.push([...path.slice(from), cursor]);
    }
    for (const e of path) state.set(e, "done");
  }
  return cycles;
}
