/**
 * What an import would do, decided before anything is written: who is created, updated or left as is, and
 * every row that cannot be imported with its line and reason. Pure: the same file and the same people in
 * Baton always give the same plan, which is what makes re-importing a file change nothing. Its loops pause
 * every few milliseconds so a big file does not keep other requests waiting (docs/decisions/010).
 */
import { z } from "zod";
import type { Role } from "~/generated/prisma/enums";
import type { CsvProblem } from "./csv";
import { employeeIdKey } from "./mapping/managers";
import { hasControlCharacters } from "../../forms/text";
import { pacer } from "../../pace";

/**
 * One row of a file, as Baton's own columns (csv.ts) or a column mapping (mapped-rows.ts) read it. A field that
 * is undefined has no column in the file: the person keeps what Baton has.
 */
export type PlanRow = {
  line: number;
  email: string;
  name: string;
  role: string;
  department?: string;
  jobTitle?: string;
  managerEmail?: string;
  /** YYYY-MM-DD text (Baton's own columns), or the date a mapping already read (null: empty). */
  startDate?: string | Date | null;
  employeeId?: string;
  location?: string;
  /** Employment status: inactive deactivates the person (and does not create a new one). */
  status?: "active" | "inactive" | null;
};

/** What the file says about a person, and what Baton has: the fields an import compares. */
type PersonFields = {
  email: string;
  name: string;
  role: Role;
  department: string | null;
  jobTitle: string | null;
  startDate: Date | null;
  managerEmail: string | null;
  employeeId: string | null;
  location: string | null;
};

export type ExistingPerson = Omit<PersonFields, "employeeId" | "location"> & {
  id: string;
  deactivatedAt: Date | null;
  employeeId?: string | null;
  location?: string | null;
};

/** A person as the file wants them. */
export type PersonFromFile = PersonFields & { line: number };

type PlannedUpdate = PersonFromFile & { id: string; changes: string[]; roleChanged: boolean };

type Listed = { line: number; email: string; name: string };

export type ImportPlan = {
  rowCount: number;
  creates: PersonFromFile[];
  updates: PlannedUpdate[];
  unchanged: number;
  /** Bad rows, by line: nothing is imported while there is one. */
  problems: CsvProblem[];
  /** Active people in Baton the file does not list (HR accounts and the importer aside): deactivated only on request. */
  missing: { id: string; email: string; name: string }[];
  /** People in Baton whose employment status in the file says they left: always deactivated. */
  deactivate: (Listed & { id: string })[];
  /** New people whose employment status says they left: not created. */
  skipped: Listed[];
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

type FileRow = PersonFromFile & { explicitRole: Role | null; before: ExistingPerson | undefined; leaves: boolean };

const MAX_TEXT = 100;

export async function planImport(
  rows: PlanRow[],
  existing: ExistingPerson[],
  opts: { csvProblems?: CsvProblem[]; actorId?: string; rowCount?: number } = {},
): Promise<ImportPlan> {
  const pace = pacer();
  const problems: CsvProblem[] = [...(opts.csvProblems ?? [])];
  const byEmail = new Map(existing.map((p) => [p.email, p]));
  const byEmployeeId = new Map<string, ExistingPerson>();
  for (const p of existing) {
    if (pace.due()) await pace.pause();
    if (p.employeeId) byEmployeeId.set(employeeIdKey(p.employeeId), p);
  }
  const firstLine = new Map<string, number>();
  const idLine = new Map<string, number>();
  const claimedBy = new Map<string, number>();
  const fileRows: FileRow[] = [];
  const skipped: Listed[] = [];
  const leaving = new Map<string, number>();
  const badLines = new Set<number>();
  const problem = (line: number, message: string) => {
    problems.push({ line, message });
    badLines.add(line);
  };

  for (const row of rows) {
    if (pace.due()) await pace.pause();
    const email = row.email.toLowerCase();
    const managerEmail = row.managerEmail === undefined ? undefined : row.managerEmail.toLowerCase() || null;
    const employeeId = row.employeeId?.trim() || null;
    if (!email) problem(row.line, "The email is missing.");
    else if (!isEmail(email)) problem(row.line, `Bad email “${row.email}”.`);
    else if (firstLine.has(email)) problem(row.line, `Duplicate email ${email}: it is also on line ${firstLine.get(email)}.`);
    if (!row.name) problem(row.line, "The name is missing.");
    if (row.name.length > 200) problem(row.line, "The name is longer than 200 characters.");
    if ((row.department ?? "").length > MAX_TEXT || (row.jobTitle ?? "").length > MAX_TEXT)
      problem(row.line, "Department and job title must be under 100 characters.");
    if ((row.location ?? "").length > MAX_TEXT || (employeeId ?? "").length > MAX_TEXT)
      problem(row.line, "Location and employee id must be under 100 characters.");
    if ([row.name, row.department, row.jobTitle, row.location, employeeId].some((v) => v && hasControlCharacters(v))) {
      problem(row.line, "The name, department, job title, location or employee id holds an invisible control character (such as NUL) or a line break.");
    }
    const startDate = typeof row.startDate === "string" ? (row.startDate ? parseDay(row.startDate) : null) : row.startDate;
    if (typeof row.startDate === "string" && row.startDate && !startDate)
      problem(row.line, `Bad start date “${row.startDate}”: use YYYY-MM-DD, e.g. 2027-01-04.`);
    const explicitRole = row.role ? (ROLE_NAMES[row.role.toLowerCase().replace(/[^a-z]/g, "")] ?? null) : null;
    if (row.role && !explicitRole) problem(row.line, `Unknown role “${row.role}”: use learner, manager or HR (or leave it empty).`);
    if (managerEmail && !isEmail(managerEmail)) problem(row.line, `Bad manager email “${row.managerEmail}”.`);

    // The same person: by employee id first (their e-mail may have changed), then by e-mail.
    const idKey = employeeId ? employeeIdKey(employeeId) : null;
    if (idKey && idLine.has(idKey)) problem(row.line, `Duplicate employee id ${employeeId}: it is also on line ${idLine.get(idKey)}.`);
    else if (idKey) idLine.set(idKey, row.line);
    const byId = idKey ? byEmployeeId.get(idKey) : undefined;
    const before = byId ?? byEmail.get(email);
    const holder = byEmail.get(email);
    if (byId && holder && holder.id !== byId.id) {
      problem(
        row.line,
        `The e-mail ${email} belongs to someone else in Baton (${holder.name}), but employee id ${employeeId} is ${byId.email}'s: correct the e-mail or the employee id.`,
      );
    }
    if (before && claimedBy.has(before.id) && claimedBy.get(before.id) !== row.line)
      problem(row.line, `This is the same person in Baton as line ${claimedBy.get(before.id)} (${before.email}): list each person once.`);
    else if (before) claimedBy.set(before.id, row.line);

    if (!email || !isEmail(email) || firstLine.has(email)) continue;
    firstLine.set(email, row.line);
    if (row.status === "inactive" && !before) {
      skipped.push({ line: row.line, email, name: row.name });
      leaving.set(email, row.line);
      continue;
    }
    if (row.status === "inactive") leaving.set(email, row.line);
    fileRows.push({
      line: row.line,
      email,
      name: row.name,
      role: "LEARNER",
      explicitRole,
      department: row.department === undefined ? (before?.department ?? null) : row.department || null,
      jobTitle: row.jobTitle === undefined ? (before?.jobTitle ?? null) : row.jobTitle || null,
      startDate: startDate === undefined ? (before?.startDate ?? null) : startDate,
      managerEmail: managerEmail === undefined ? (before?.managerEmail ?? null) : managerEmail,
      employeeId: employeeId ?? before?.employeeId ?? null,
      location: row.location === undefined ? (before?.location ?? null) : row.location || null,
      before,
      leaves: row.status === "inactive" && !before?.deactivatedAt,
    });
  }

  // Roles: the file's when given; otherwise what Baton has; a new person who manages someone is a manager.
  const inFile = new Map(fileRows.map((r) => [r.email, r]));
  const managesSomeone = new Set(fileRows.flatMap((r) => (r.managerEmail ? [r.managerEmail] : [])));
  for (const r of fileRows) {
    if (pace.due()) await pace.pause();
    const before = r.before;
    const manages = managesSomeone.has(r.email);
    if (r.explicitRole) r.role = r.explicitRole;
    else if (before) r.role = before.role === "LEARNER" && manages ? "MANAGER" : before.role;
    else r.role = manages ? "MANAGER" : "LEARNER";
    if (before && before.id === opts.actorId && r.role !== before.role) problem(r.line, "An import cannot change your own role.");
    if (before && before.id === opts.actorId && r.leaves) problem(r.line, "An import cannot deactivate you.");
    else if (before && r.leaves && before.role === "HR")
      problem(r.line, `${before.email} has the role HR in Baton: an import does not deactivate HR accounts; do it on their People page.`);
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
    const leftOn = leaving.get(r.managerEmail);
    if (leftOn !== undefined && !leaving.has(r.email))
      problem(r.line, `The manager ${r.managerEmail} has left (employment status on line ${leftOn}): name their successor as the manager.`);
    else if (!manager && !known) problem(r.line, `Unknown manager ${r.managerEmail}: they are neither in this file nor in Baton.`);
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
  const deactivate: ImportPlan["deactivate"] = [];
  let unchanged = 0;
  for (const { explicitRole: _explicitRole, before, leaves, ...r } of fileRows) {
    if (pace.due()) await pace.pause();
    if (badLines.has(r.line)) continue;
    if (!before) {
      creates.push(r);
      continue;
    }
    const changes: string[] = [];
    const diff = (label: string, a: string, b: string) => a !== b && changes.push(`${label}: ${a} → ${b}`);
    diff("e-mail", before.email, r.email);
    diff("name", before.name, r.name);
    diff("role", before.role, r.role);
    diff("department", text(before.department), text(r.department));
    diff("job title", text(before.jobTitle), text(r.jobTitle));
    diff("start date", day(before.startDate), day(r.startDate));
    diff("manager", text(before.managerEmail), text(r.managerEmail));
    diff("employee id", text(before.employeeId ?? null), text(r.employeeId));
    diff("location", text(before.location ?? null), text(r.location));
    if (leaves) deactivate.push({ line: r.line, id: before.id, email: r.email, name: r.name });
    if (changes.length > 0) updates.push({ ...r, id: before.id, changes, roleChanged: before.role !== r.role });
    else if (!leaves) unchanged += 1;
  }

  const missing: ImportPlan["missing"] = [];
  for (const p of existing) {
    if (pace.due()) await pace.pause();
    if (!p.deactivatedAt && !claimedBy.has(p.id) && p.role !== "HR" && p.id !== opts.actorId) missing.push({ id: p.id, email: p.email, name: p.name });
  }

  problems.sort((a, b) => a.line - b.line);
  return { rowCount: opts.rowCount ?? rows.length + (opts.csvProblems?.length ?? 0), creates, updates, unchanged, problems, missing, deactivate, skipped };
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
