import type { Prisma } from "~/generated/prisma/client";
import { publishEvents } from "../integrations/events";
import { recordAudit, type AuditContext } from "../audit/audit";
import { invalidatePersonSessions } from "../auth/session";
import { revokeTrustedDevices } from "../auth/trusted-device";
import { syncRuleAssignments } from "../curricula/sync";
import { prisma } from "../db";
import { tellNewHolders } from "../notifications/curriculum-assigned";
import { readinessChanged } from "../readiness/upkeep";
import type { PeopleFilter, PersonInput } from "./schema";
import { personColumns } from "./columns";
import { notInvitedWhere } from "./not-invited";

const personListSelect = { ...personColumns, location: true, manager: { select: { id: true, name: true } } } as const;

/** Whether a person can sign in yet: signed in before, holds a link that still works, or neither. */
export type AccountStanding = { kind: "active" } | { kind: "invited"; until: Date } | { kind: "not-invited" } | { kind: "deactivated" };

export async function listPeople(filter: PeopleFilter, now = new Date()) {
  const where: Prisma.PersonWhereInput =
    filter.status === "not-invited"
      ? notInvitedWhere(now, { role: filter.role, department: filter.department || undefined, location: filter.location || undefined })
      : {
          role: filter.role,
          department: filter.department || undefined,
          location: filter.location || undefined,
          deactivatedAt: filter.status === "active" ? null : filter.status === "deactivated" ? { not: null } : undefined,
        };
  if (filter.q) {
    where.OR = [{ name: { contains: filter.q } }, { email: { contains: filter.q.toLowerCase() } }];
  }
  const rows = await prisma.person.findMany({
    where,
    select: {
      ...personListSelect,
      passwordHash: true,
      invitations: { where: { usedAt: null, expiresAt: { gt: now } }, select: { expiresAt: true }, orderBy: { expiresAt: "desc" }, take: 1 },
    },
    orderBy: [{ name: "asc" }],
  });
  return rows.map(({ passwordHash, invitations, ...person }) => {
    const account: AccountStanding = person.deactivatedAt
      ? { kind: "deactivated" }
      : passwordHash
        ? { kind: "active" }
        : invitations[0]
          ? { kind: "invited", until: invitations[0].expiresAt }
          : { kind: "not-invited" };
    return { ...person, account };
  });
}

export async function listDepartments(): Promise<string[]> {
  const rows = await prisma.person.findMany({
    where: { department: { not: null } },
    distinct: ["department"],
    select: { department: true },
    orderBy: { department: "asc" },
  });
  return rows.flatMap((r) => (r.department ? [r.department] : []));
}

/** Every location someone has, for the People filter and the person form's suggestions. */
export async function listLocations(): Promise<string[]> {
  const groups = await prisma.person.groupBy({ by: ["location"], where: { location: { not: null } } });
  return groups.flatMap((g) => (g.location ? [g.location] : [])).sort((a, b) => a.localeCompare(b));
}

/** People who can be someone's manager: active managers and HR. */
export async function listManagerOptions() {
  return prisma.person.findMany({
    where: { role: { in: ["MANAGER", "HR"] }, deactivatedAt: null },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

export async function getPerson(id: string) {
  return prisma.person.findUnique({
    where: { id },
    select: {
      ...personListSelect,
      managerId: true,
      passwordHash: true,
      _count: { select: { sessions: true, reports: true } },
    },
  });
}

export class PersonInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

type Tx = Prisma.TransactionClient;

/** Refuse a manager who is the person or reports to them, directly or not (a cycle). Read inside the writing transaction. */
export async function assertManagerAllowed(tx: Tx, personId: string | null, managerId: string | undefined) {
  if (!managerId) return;
  const manager = await tx.person.findUnique({ where: { id: managerId }, select: { id: true, role: true, deactivatedAt: true } });
  if (!manager) throw new PersonInputError("managerId", "That manager does not exist.");
  if (manager.deactivatedAt || manager.role === "LEARNER") {
    throw new PersonInputError("managerId", "Choose an active manager or HR person.");
  }
  if (personId && (await managesThemselves(tx, personId, managerId))) {
    throw new PersonInputError("managerId", "That would make a person manage themselves.");
  }
}

/**
 * Whether `personId` appears in the chain above `managerId` (that manager, their manager, …): one recursive query
 * however long the chain; UNION (not UNION ALL) stops at a cycle already stored.
 */
async function managesThemselves(tx: Tx, personId: string, managerId: string): Promise<boolean> {
  const found = await tx.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE chain(id) AS (
      SELECT CAST(${managerId} AS TEXT)
      UNION
      SELECT p."managerId" FROM "Person" p JOIN chain ON p."id" = chain.id WHERE p."managerId" IS NOT NULL
    )
    SELECT id FROM chain WHERE id = ${personId} LIMIT 1`;
  return found.length > 0;
}

async function assertEmailFree(tx: Tx, email: string, exceptId?: string) {
  const existing = await tx.person.findUnique({ where: { email }, select: { id: true } });
  if (existing && existing.id !== exceptId) throw new PersonInputError("email", "Someone already has this email.");
}

/** Baton always keeps someone who can manage people: counted inside the transaction that would remove the last one. */
export async function isLastActiveHr(tx: Tx, person: { role: string; deactivatedAt: Date | null }) {
  if (person.role !== "HR" || person.deactivatedAt) return false;
  return (await tx.person.count({ where: { role: "HR", deactivatedAt: null } })) <= 1;
}

export const OWN_ROLE_MESSAGE = "You cannot change your own role. Ask another HR person.";
export const LAST_HR_MESSAGE = "This is the last active HR person: make someone else HR first.";

const toData = (input: PersonInput) => ({
  email: input.email,
  name: input.name,
  role: input.role,
  department: input.department ?? null,
  jobTitle: input.jobTitle ?? null,
  location: input.location ?? null,
  startDate: input.startDate ?? null,
  managerId: input.managerId ?? null,
});

export async function createPerson(input: PersonInput, ctx: AuditContext) {
  // Group assignment rules apply at once: a new person in a department receives its curricula. They are not sent
  // "curriculum assigned": their invitation is their first message, and My learning shows the curricula on sign-in.
  return prisma.$transaction(async (tx) => {
    await assertEmailFree(tx, input.email);
    await assertManagerAllowed(tx, null, input.managerId);
    const created = await tx.person.create({ data: toData(input), select: { id: true, email: true } });
    await syncRuleAssignments(tx, [created.id]);
    await readinessChanged(tx, [created.id], "Person added");
    await publishEvents(tx, [{ type: "person.created", personId: created.id }], new Date());
    await recordAudit(
      { action: "person.created", actor: ctx.actor, target: created.email, subjectId: created.id, ip: ctx.ip, details: { role: input.role } },
      tx,
    );
    return created;
  });
}

/**
 * Every check reads inside the transaction that writes (SQLite runs one writer at a time), so two HR people saving at
 * once cannot both take the same e-mail or both demote the other HR. Refusals throw PersonInputError, writing nothing.
 */
export async function updatePerson(id: string, input: PersonInput, ctx: AuditContext, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const before = await tx.person.findUniqueOrThrow({ where: { id }, select: { role: true, email: true, deactivatedAt: true } });
    const roleChanged = before.role !== input.role;
    if (roleChanged && id === ctx.actor.id) throw new PersonInputError("role", OWN_ROLE_MESSAGE);
    if (roleChanged && (await isLastActiveHr(tx, before))) throw new PersonInputError("role", LAST_HR_MESSAGE);
    await assertEmailFree(tx, input.email, id);
    await assertManagerAllowed(tx, id, input.managerId);
    // Moving into a group gives its curricula; moving out closes those rule assignments (history stays).
    const updated = await tx.person.update({ where: { id }, data: toData(input), select: { id: true, email: true } });
    const { granted } = await syncRuleAssignments(tx, [id], { now });
    await readinessChanged(tx, [id], "Person details changed", now);
    await tellNewHolders(tx, granted, now, null);
    // A role change alters what the person may do: make them sign in again.
    const sessionsEnded = roleChanged ? await invalidatePersonSessions(id, {}, tx) : 0;
    await recordAudit(
      {
        action: "person.updated",
        actor: ctx.actor,
        target: updated.email,
        subjectId: id,
        ip: ctx.ip,
        details: roleChanged ? { roleFrom: before.role, roleTo: input.role, sessionsEnded } : undefined,
      },
      tx,
    );
    return updated;
  });
}

/** What deactivation takes away, inside the caller's transaction (HR's button and SCIM): returns the sessions ended. */
export async function closeAccess(tx: Tx, id: string, now: Date): Promise<number> {
  const { count } = await tx.session.deleteMany({ where: { personId: id } });
  await revokeTrustedDevices(id, {}, tx);
  await tx.invitation.updateMany({ where: { personId: id, usedAt: null }, data: { expiresAt: now } });
  return count;
}

export type DeactivateOutcome = { kind: "deactivated" } | { kind: "refused"; message: string };

/** Deactivation ends every session at once; the person keeps their history. */
export async function deactivatePerson(id: string, ctx: AuditContext, now = new Date()): Promise<DeactivateOutcome> {
  if (id === ctx.actor.id) return { kind: "refused", message: "You cannot deactivate yourself." };
  return prisma.$transaction(async (tx) => {
    const before = await tx.person.findUniqueOrThrow({ where: { id }, select: { role: true, deactivatedAt: true } });
    if (await isLastActiveHr(tx, before)) return { kind: "refused", message: LAST_HR_MESSAGE };
    const p = await tx.person.update({ where: { id }, data: { deactivatedAt: now }, select: { email: true } });
    const count = await closeAccess(tx, id, now);
    await readinessChanged(tx, [id], "Deactivated", now);
    await publishEvents(tx, [{ type: "person.deactivated", personId: id }], now);
    await recordAudit({ action: "person.deactivated", actor: ctx.actor, target: p.email, subjectId: id, ip: ctx.ip, details: { sessionsEnded: count } }, tx);
    return { kind: "deactivated" };
  });
}

export async function reactivatePerson(id: string, ctx: AuditContext, now = new Date()) {
  await prisma.$transaction(async (tx) => {
    const p = await tx.person.update({ where: { id }, data: { deactivatedAt: null }, select: { email: true } });
    const { granted } = await syncRuleAssignments(tx, [id], { now });
    await readinessChanged(tx, [id], "Reactivated", now);
    await publishEvents(tx, [{ type: "person.reactivated", personId: id }], now);
    await tellNewHolders(tx, granted, now, null);
    await recordAudit({ action: "person.reactivated", actor: ctx.actor, target: p.email, subjectId: id, ip: ctx.ip }, tx);
  });
}

export async function endPersonSessions(id: string, ctx: AuditContext) {
  return prisma.$transaction(async (tx) => {
    const person = await tx.person.findUniqueOrThrow({ where: { id }, select: { email: true } });
    const count = await invalidatePersonSessions(id, {}, tx);
    await recordAudit({ action: "person.sessions_ended", actor: ctx.actor, target: person.email, subjectId: id, ip: ctx.ip, details: { count } }, tx);
    return count;
  });
}
