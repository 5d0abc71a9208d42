/**
 * Who each row's manager is, when the file names them by e-mail, employee id or name. A name counts only when
 * exactly one person has it, among the file's rows and Baton's people; otherwise the row gets a problem naming
 * the candidates, so HR can write the e-mail or the employee id instead. The result is the manager's e-mail,
 * which is how the import plan links people (it also checks that e-mail exists and is not a cycle).
 * Loops pause now and then: a file can hold 200,000 rows (docs/decisions/010).
 */
import type { CsvProblem } from "../csv";
import { pacer } from "../../../pace";
import type { MANAGER_FIELDS } from "./fields";
import { nameKey } from "./names";

/** Which kind of value the manager column holds; "manager" is any of the three, told apart per value. */
export type ManagerColumn = (typeof MANAGER_FIELDS)[number];

export type ManagerRow = { line: number; email: string; name: string; employeeId?: string | null; manager: string };
export type KnownPerson = { email: string; name: string; employeeId?: string | null; deactivatedAt?: Date | null };
export type ResolvedManager = { line: number; managerEmail: string | null; matchedBy: "email" | "employeeId" | "name" | null };

/**
 * Employee ids compared without case or surrounding spaces, and digits-only ids without leading zeros:
 * a spreadsheet turns "00123" into 123.
 */
export function employeeIdKey(id: string): string {
  const trimmed = id.trim().toLowerCase();
  return /^\d+$/.test(trimmed) ? trimmed.replace(/^0+(?=\d)/, "") : trimmed;
}

type Candidate = { email: string; name: string; inactive: boolean };

const LISTED = 5;
const listOf = (people: Candidate[]) =>
  people
    .slice(0, LISTED)
    .map((p) => p.email)
    .join(", ") + (people.length > LISTED ? ` and ${people.length - LISTED} more` : "");

/** The same words in any order: "Okafor Amara" finds Amara Okafor when nobody is called that exactly. */
const tokensKey = (key: string) => key.split(" ").sort().join(" ");

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export async function resolveManagers(
  rows: readonly ManagerRow[],
  people: readonly KnownPerson[],
  opts: { column?: ManagerColumn } = {},
): Promise<{ managers: ResolvedManager[]; problems: CsvProblem[] }> {
  const column = opts.column ?? "manager";
  const pace = pacer();

  // Everyone a manager could be: the file's rows as the file has them, then Baton's people the file does not
  // list (by e-mail, or by employee id when their e-mail changed).
  const candidates: Candidate[] = [];
  const byId = new Map<string, Candidate[]>();
  const fileEmails = new Set<string>();
  const fileIds = new Set<string>();
  for (const r of rows) {
    if (pace.due()) await pace.pause();
    const email = r.email.trim().toLowerCase();
    if (!email || fileEmails.has(email)) continue;
    fileEmails.add(email);
    const c = { email, name: r.name, inactive: false };
    candidates.push(c);
    if (r.employeeId?.trim()) {
      fileIds.add(employeeIdKey(r.employeeId));
      push(byId, employeeIdKey(r.employeeId), c);
    }
  }
  for (const p of people) {
    if (pace.due()) await pace.pause();
    const email = p.email.toLowerCase();
    const id = p.employeeId?.trim() ? employeeIdKey(p.employeeId) : null;
    if (fileEmails.has(email) || (id && fileIds.has(id))) continue;
    const c = { email, name: p.name, inactive: Boolean(p.deactivatedAt) };
    candidates.push(c);
    if (id) push(byId, id, c);
  }
  // Names are indexed only when some value needs one: a file of e-mails or employee ids never pays for it.
  const isEmail = (value: string) => column === "managerEmail" || (column === "manager" && value.includes("@"));
  const byIdOnly = (value: string) => column === "managerEmployeeId" || (column === "manager" && byId.has(employeeIdKey(value)));
  const needsNames = rows.some((r) => r.manager.trim() !== "" && !isEmail(r.manager.trim()) && !byIdOnly(r.manager.trim()));
  const byName = new Map<string, Candidate[]>();
  const byTokens = new Map<string, Candidate[]>();
  for (const c of needsNames ? candidates : []) {
    if (pace.due()) await pace.pause();
    const key = nameKey(c.name);
    if (!key) continue;
    push(byName, key, c);
    push(byTokens, tokensKey(key), c);
  }

  const managers: ResolvedManager[] = [];
  const problems: CsvProblem[] = [];
  const resolve = (row: ManagerRow): { managerEmail: string; matchedBy: ResolvedManager["matchedBy"] } | { problem: string } | null => {
    const value = row.manager.trim();
    if (value === "") return null;
    if (isEmail(value)) return { managerEmail: value.toLowerCase(), matchedBy: "email" };
    if (column === "managerEmployeeId" || column === "manager") {
      const found = byId.get(employeeIdKey(value)) ?? [];
      if (found.length === 1) return { managerEmail: found[0]!.email, matchedBy: "employeeId" };
      if (found.length > 1) return { problem: `Manager employee id “${value}” belongs to ${found.length} people: ${listOf(found)}.` };
      if (column === "managerEmployeeId") return { problem: `No one has the employee id “${value}” (the manager's), in this file or in Baton.` };
    }

    const key = nameKey(value);
    const exact = byName.get(key) ?? [];
    const loose = exact.some((c) => !c.inactive) ? [] : (byTokens.get(tokensKey(key)) ?? []);
    const found = loose.some((c) => !c.inactive) || exact.length === 0 ? loose : exact;
    let active = found.filter((c) => !c.inactive);
    // Someone is not their own manager: with a namesake, the other one is meant.
    const own = row.email.trim().toLowerCase();
    if (active.length > 1) active = active.filter((c) => c.email !== own);
    if (active.length === 1) return { managerEmail: active[0]!.email, matchedBy: "name" };
    if (active.length > 1)
      return { problem: `Manager “${value}” matches ${active.length} people: ${listOf(active)}. Write the manager's e-mail or employee id instead.` };
    if (found.length > 0) return { problem: `Manager “${value}” matches only someone deactivated in Baton: ${listOf(found)}.` };
    if (column === "manager" && /^[^\s]*\d[^\s]*$/.test(value))
      return { problem: `No one has the employee id or name “${value}” (the manager's), in this file or in Baton.` };
    return { problem: `No one called “${value}” (the manager) is in this file or in Baton.` };
  };
  for (const row of rows) {
    if (pace.due()) await pace.pause();
    const r = resolve(row);
    if (r && "problem" in r) problems.push({ line: row.line, message: r.problem });
    managers.push(r && "managerEmail" in r ? { line: row.line, ...r } : { line: row.line, managerEmail: null, matchedBy: null });
  }
  return { managers, problems };
}
