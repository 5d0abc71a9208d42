/**
 * SCIM Users as Baton people. Every write runs the rules HR's own changes run (people.ts): assignment rules and the
 * readiness summary in the same transaction, the last active HR person never deactivated, sessions ended on
 * deactivation. DELETE deactivates: the person and their history stay, and GET still returns them with active false.
 */
import type { Prisma } from "~/generated/prisma/client";
import { recordAudit, recordAudits, type AuditInput } from "../audit/audit";
import { syncRuleAssignments } from "../curricula/sync";
import { isUniqueViolation } from "../db-errors";
import { prisma } from "../db";
import { publishEvents, type IntegrationEvent } from "../integrations/events";
import { tellNewHolders } from "../notifications/curriculum-assigned";
import { LAST_HR_MESSAGE, PersonInputError, assertManagerAllowed, closeAccess, isLastActiveHr } from "../people/people";
import { readinessChanged } from "../readiness/upkeep";
import { fieldsFromScim, scimPersonSelect, toScimUser, withActiveAsBoolean, type ScimFields, type ScimUser } from "./mapping";
import { applyPatch } from "./patch";
import { parseUserFilter } from "./filter";
import { scimLimits, userSchemaInstance } from "./schemas";

type Tx = Prisma.TransactionClient;

/** The API token a change is made with: audit rows name it, since no person is signed in. */
export type TokenActor = { id: string; name: string };

export type ScimProblem =
  { kind: "invalid"; scimType: string; detail: string } | { kind: "not-found"; detail: string } | { kind: "conflict"; scimType?: "uniqueness"; detail: string };

export type UserOutcome = { kind: "ok"; user: ScimUser } | ScimProblem;

class Refusal extends Error {
  constructor(readonly problem: ScimProblem) {
    super(problem.detail);
  }
}

const notFound = (id: string): ScimProblem => ({ kind: "not-found", detail: `No user with id "${id}".` });

async function loadUser(db: Tx, id: string, base: string): Promise<ScimUser | null> {
  const person = await db.person.findUnique({ where: { id }, select: scimPersonSelect });
  return person ? toScimUser(person, base) : null;
}

export async function getUser(id: string, base: string): Promise<UserOutcome> {
  const user = await loadUser(prisma, id, base);
  return user ? { kind: "ok", user } : notFound(id);
}

export type ListQuery = { filter: string | null; startIndex: string | null; count: string | null };

const DEFAULT_COUNT = 100;

/** Whole numbers from the query string; RFC 7644 §3.4.2.4: startIndex below 1 means 1, a negative count means 0. */
function pageOf(query: ListQuery) {
  const int = (text: string | null) => (text !== null && /^-?\d+$/.test(text.trim()) ? Number(text) : null);
  const startIndex = Math.max(1, int(query.startIndex) ?? 1);
  const count = Math.min(scimLimits.maxResults, Math.max(0, int(query.count) ?? DEFAULT_COUNT));
  return { startIndex, count };
}

/** A page of users in a stable order (created, then id), so paging while people are added misses no one. */
export async function listUsers(query: ListQuery, base: string) {
  let where: Prisma.PersonWhereInput = {};
  if (query.filter !== null && query.filter.trim() !== "") {
    const parsed = parseUserFilter(query.filter);
    if (parsed.kind === "invalid") return { kind: "invalid", scimType: "invalidFilter", detail: parsed.detail } as const;
    where = parsed.where;
  }
  const { startIndex, count } = pageOf(query);
  const [totalResults, people] = await prisma.$transaction([
    prisma.person.count({ where }),
    prisma.person.findMany({ where, select: scimPersonSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip: startIndex - 1, take: count }),
  ]);
  return { kind: "ok", users: people.map((p) => toScimUser(p, base)), totalResults, startIndex } as const;
}

/** Coerces a request body through the User schema (types, required userName, read-only attributes ignored). */
function coerceResource(body: unknown): { kind: "ok"; resource: unknown } | ScimProblem {
  try {
    return { kind: "ok", resource: JSON.parse(JSON.stringify(userSchemaInstance(withActiveAsBoolean(body), "in"))) };
  } catch (error) {
    return { kind: "invalid", scimType: "invalidValue", detail: error instanceof Error ? error.message : "The user could not be read." };
  }
}

async function assertUnique(tx: Tx, fields: ScimFields, exceptId: string | null) {
  const taken = await tx.person.findFirst({
    where: { OR: [{ email: fields.email }, ...(fields.employeeId ? [{ employeeId: fields.employeeId }] : [])], NOT: exceptId ? { id: exceptId } : undefined },
    select: { email: true },
  });
  if (taken) {
    const what = taken.email === fields.email ? `userName "${fields.email}"` : `externalId "${fields.employeeId}"`;
    throw new Refusal({ kind: "conflict", scimType: "uniqueness", detail: `Another user already has ${what}.` });
  }
}

/** manager.value is a Baton person id, or the manager's employee id (what HR systems know); checked as HR's form checks it. */
async function resolveManager(tx: Tx, personId: string | null, value: string | null): Promise<string | null> {
  if (!value) return null;
  const byId = await tx.person.findUnique({ where: { id: value }, select: { id: true } });
  const manager = byId ?? (await tx.person.findUnique({ where: { employeeId: value }, select: { id: true } }));
  if (!manager) throw new Refusal({ kind: "invalid", scimType: "invalidValue", detail: `No user with id or externalId "${value}" to be the manager.` });
  try {
    await assertManagerAllowed(tx, personId, manager.id);
  } catch (error) {
    if (error instanceof PersonInputError) throw new Refusal({ kind: "invalid", scimType: "invalidValue", detail: `manager: ${error.message}` });
    throw error;
  }
  return manager.id;
}

const via = (token: TokenActor) => ({ token: token.name, tokenId: token.id, via: "scim" });

/** Runs a write; refusals and unique-index races come back as SCIM problems, nothing written. */
async function writing(run: () => Promise<string>, base: string): Promise<UserOutcome> {
  try {
    const id = await run();
    const user = await loadUser(prisma, id, base);
    return user ? { kind: "ok", user } : notFound(id);
  } catch (error) {
    if (error instanceof Refusal) return error.problem;
    if (isUniqueViolation(error)) return { kind: "conflict", scimType: "uniqueness", detail: "Another user already has this userName or externalId." };
    throw error;
  }
}

export async function createUser(body: unknown, token: TokenActor, base: string, now: Date): Promise<UserOutcome> {
  const coerced = coerceResource(body);
  if (coerced.kind !== "ok") return coerced;
  const mapped = fieldsFromScim(coerced.resource, null);
  if (mapped.kind === "invalid") return { kind: "invalid", scimType: "invalidValue", detail: mapped.detail };
  const { fields } = mapped;
  return writing(
    () =>
      prisma.$transaction(async (tx) => {
        await assertUnique(tx, fields, null);
        const managerId = await resolveManager(tx, null, fields.manager);
        // Provisioned people are learners: HR gives other roles in Baton (SCIM's role is read-only).
        const created = await tx.person.create({
          data: {
            email: fields.email,
            name: fields.name,
            role: "LEARNER",
            department: fields.department,
            jobTitle: fields.jobTitle,
            startDate: fields.startDate,
            employeeId: fields.employeeId,
            managerId,
            deactivatedAt: fields.active ? null : now,
          },
          select: { id: true, email: true },
        });
        // As HR-created and imported people: group rules apply at once; the invitation is their first message.
        await syncRuleAssignments(tx, [created.id], { now });
        await readinessChanged(tx, [created.id], "Person added", now);
        await recordAudit(
          { action: "person.created", actor: null, target: created.email, subjectId: created.id, details: { role: "LEARNER", ...via(token) } },
          tx,
        );
        const events: IntegrationEvent[] = [{ type: "person.created", personId: created.id }];
        if (!fields.active) events.push({ type: "person.deactivated", personId: created.id });
        await publishEvents(tx, events, now);
        return created.id;
      }),
    base,
  );
}

const detailKeys = ["email", "name", "employeeId", "department", "jobTitle", "startDate", "managerId"] as const;

/** Writes a person's new fields and any change of active, with the side effects HR's buttons have. */
async function applyFields(tx: Tx, id: string, fields: ScimFields, token: TokenActor, now: Date): Promise<string> {
  const before = await tx.person.findUnique({
    where: { id },
    select: { email: true, name: true, role: true, employeeId: true, department: true, jobTitle: true, startDate: true, managerId: true, deactivatedAt: true },
  });
  if (!before) throw new Refusal(notFound(id));
  await assertUnique(tx, fields, id);
  // An unchanged manager is not checked again: one deactivated since must not block this person's other changes.
  const managerId = fields.manager === before.managerId ? before.managerId : await resolveManager(tx, id, fields.manager);
  const next = {
    email: fields.email,
    name: fields.name,
    employeeId: fields.employeeId,
    department: fields.department,
    jobTitle: fields.jobTitle,
    startDate: fields.startDate,
    managerId,
  };
  const changed = detailKeys.filter((k) => String(before[k]?.valueOf() ?? "") !== String(next[k]?.valueOf() ?? ""));
  const deactivating = before.deactivatedAt === null && !fields.active;
  const reactivating = before.deactivatedAt !== null && fields.active;
  if (deactivating && (await isLastActiveHr(tx, before))) throw new Refusal({ kind: "conflict", detail: LAST_HR_MESSAGE });
  if (changed.length === 0 && !deactivating && !reactivating) return id;

  await tx.person.update({ where: { id }, data: { ...next, ...(deactivating ? { deactivatedAt: now } : reactivating ? { deactivatedAt: null } : {}) } });
  const audits: AuditInput[] = [];
  const events: IntegrationEvent[] = [];
  const target = fields.email;
  if (changed.length > 0) audits.push({ action: "person.updated", actor: null, target, subjectId: id, details: { fields: changed, ...via(token) } });
  if (deactivating) {
    const sessionsEnded = await closeAccess(tx, id, now);
    audits.push({ action: "person.deactivated", actor: null, target, subjectId: id, details: { sessionsEnded, ...via(token) } });
    events.push({ type: "person.deactivated", personId: id });
  } else {
    // Moving into a group gives its curricula, moving out closes those rule assignments (history stays).
    const { granted } = await syncRuleAssignments(tx, [id], { now });
    await tellNewHolders(tx, granted, now, null);
    if (reactivating) {
      audits.push({ action: "person.reactivated", actor: null, target, subjectId: id, details: via(token) });
      events.push({ type: "person.reactivated", personId: id });
    }
  }
  await readinessChanged(tx, [id], deactivating ? "Deactivated" : reactivating ? "Reactivated" : "Person details changed", now);
  await recordAudits(audits, tx);
  await publishEvents(tx, events, now);
  return id;
}

/** PUT: the body is the whole resource; attributes it leaves out are cleared (active defaults to unchanged). */
export async function replaceUser(id: string, body: unknown, token: TokenActor, base: string, now: Date): Promise<UserOutcome> {
  const coerced = coerceResource(body);
  if (coerced.kind !== "ok") return coerced;
  return writing(
    () =>
      prisma.$transaction(async (tx) => {
        const current = await tx.person.findUnique({ where: { id }, select: { deactivatedAt: true } });
        if (!current) throw new Refusal(notFound(id));
        const mapped = fieldsFromScim(coerced.resource, { active: current.deactivatedAt === null });
        if (mapped.kind === "invalid") throw new Refusal({ kind: "invalid", scimType: "invalidValue", detail: mapped.detail });
        return applyFields(tx, id, mapped.fields, token, now);
      }),
    base,
  );
}

export async function patchUser(id: string, body: unknown, token: TokenActor, base: string, now: Date): Promise<UserOutcome> {
  return writing(
    () =>
      prisma.$transaction(async (tx) => {
        const current = await loadUser(tx, id, base);
        if (!current) throw new Refusal(notFound(id));
        const patched = await applyPatch(current, body);
        if (patched.kind === "invalid") throw new Refusal(patched);
        const mapped = fieldsFromScim(patched.after, { active: current.active }, patched.before);
        if (mapped.kind === "invalid") throw new Refusal({ kind: "invalid", scimType: "invalidValue", detail: mapped.detail });
        return applyFields(tx, id, mapped.fields, token, now);
      }),
    base,
  );
}

/** DELETE deactivates (see the module comment). Deleting someone already deactivated changes nothing. */
export async function deleteUser(id: string, token: TokenActor, base: string, now: Date): Promise<{ kind: "deleted" } | ScimProblem> {
  const outcome = await writing(
    () =>
      prisma.$transaction(async (tx) => {
        const current = await loadUser(tx, id, base);
        if (!current) throw new Refusal(notFound(id));
        const mapped = fieldsFromScim(current, { active: current.active });
        if (mapped.kind === "invalid") throw new Refusal({ kind: "invalid", scimType: "invalidValue", detail: mapped.detail });
        return applyFields(tx, id, { ...mapped.fields, active: false }, token, now);
      }),
    base,
  );
  return outcome.kind === "ok" ? { kind: "deleted" } : outcome;
}
