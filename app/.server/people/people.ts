import type { Prisma } from "~/generated/prisma/client";
import { recordAudit } from "../audit/audit";
import { invalidatePersonSessions } from "../auth/session";
import { syncRuleAssignments } from "../curricula/sync";
import { prisma } from "../db";
import { tellNewHolders } from "../notifications/curriculum-assigned";
import { readinessChanged } from "../readiness/upkeep";
import type { PeopleFilter, PersonInput } from "./schema";
import { personColumns } from "./columns";
import { notInvitedWhere } from "./not-invited";

type Actor = { id: string; email: string };
type Ctx = { actor: Actor; ip: string | null };

export const personListSelect = { ...personColumns, manager: { select: { id: true, name: true } } } as const;

/** Whether a person can sign in yet: signed in before, holds a link that still works, or neither. */
export type AccountStanding = { kind: "active" } | { kind: "invited"; until: Date } | { kind: "not-invited" } | { kind: "deactivated" };

export async function listPeople(filter: PeopleFilter, now = new Date()) {
  const where: Prisma.PersonWhereInput =
    filter.status === "not-invited"
      ? notInvitedWhere(now, { role: filter.role, department: filter.department || undefined })
      : {
          role: filter.role,
          department: filter.department || undefined,
          deactivatedAt: filter.status === "active" ? null : filter.status === "deactivated" ? { not: null } : undefined,
        };
  if (filter.q) {
    where.OR = [{ name: { contains: filter.q } }, { email: { contains: filter.q.toLowerCase() } }];
  }
  const rows = await prisma.person.findMany({
    where,
    select: { ...personListSelect, passwordHash: true, invitations: { where: { usedAt: null, expiresAt: { gt: now } }, select: { expiresAt: true }, orderBy: { expiresAt: "desc" }, take: 1 } },
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

export async function listJobTitles(): Promise<string[]> {
  const rows = await prisma.person.findMany({
    where: { jobTitle: { not: null } },
    distinct: ["jobTitle"],
    select: { jobTitle: true },
    orderBy: { jobTitle: "asc" },
  });
  return rows.flatMap((r) => (r.jobTitle ? [r.jobTitle] : []));
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

/** Refuse a manager who is the person or reports to them, directly or not (a cycle). */
async function assertManagerAllowed(personId: string | null, managerId: string | undefined) {
  if (!managerId) return;
  const manager = await prisma.person.findUnique({ where: { id: managerId }, select: { id: true, role: true, deactivatedAt: true } });
  if (!manager) throw new PersonInputError("managerId", "That manager does not exist.");
  if (manager.deactivatedAt || manager.role === "LEARNER") {
    throw new PersonInputError("managerId", "Choose an active manager or HR person.");
  }
  let cursor: string | null = managerId;
  for (let depth = 0; cursor && depth < 1000; depth++) {
    if (cursor === personId) throw new PersonInputError("managerId", "That would make a person manage themselves.");
    const next: { managerId: string | null } | null = await prisma.person.findUnique({
      where: { id: cursor },
      select: { managerId: true },
    });
    cursor = next?.managerId ?? null;
  }
}

async function assertEmailFree(email: string, exceptId?: string) {
  const existing = await prisma.person.findUnique({ where: { email }, select: { id: true } });
  if (existing && existing.id !== exceptId) throw new PersonInputError("email", "Someone already has this email.");
}

const toData = (input: PersonInput) => ({
  email: input.email,
  name: input.name,
  role: input.role,
  department: input.department ?? null,
  jobTitle: input.jobTitle ?? null,
  startDate: input.startDate ?? null,
  managerId: input.managerId ?? null,
});

export async function createPerson(input: PersonInput, ctx: Ctx) {
  await assertEmailFree(input.email);
  await assertManagerAllowed(null, input.managerId);
  // Group assignment rules apply at once: a new person in a department receives its curricula. They are not sent
  // "curriculum assigned": their invitation is their first message, and My learning shows the curricula on sign-in.
  const person = await prisma.$transaction(async (tx) => {
    const created = await tx.person.create({ data: toData(input), select: { id: true, email: true } });
    await syncRuleAssignments(tx, [created.id]);
    await readinessChanged(tx, [created.id], "Person added");
    return created;
  });
  await recordAudit({ action: "person.created", actor: ctx.actor, target: person.email, ip: ctx.ip, details: { role: input.role } });
  return person;
}

export async function updatePerson(id: string, input: PersonInput, ctx: Ctx, now = new Date()) {
  await assertEmailFree(input.email, id);
  await assertManagerAllowed(id, input.managerId);
  const before = await prisma.person.findUniqueOrThrow({ where: { id }, select: { role: true, email: true } });
  // Moving into a group gives its curricula; moving out closes those rule assignments (history stays).
  const person = await prisma.$transaction(async (tx) => {
    const updated = await tx.person.update({ where: { id }, data: toData(input), select: { id: true, email: true } });
    const { granted } = await syncRuleAssignments(tx, [id], { now });
    await readinessChanged(tx, [id], "Person details changed", now);
    await tellNewHolders(tx, granted, now, null);
    return updated;
  });
  // A role change alters what the person may do: make them sign in again.
  if (before.role !== input.role) await invalidatePersonSessions(id);
  await recordAudit({
    action: "person.updated",
    actor: ctx.actor,
    target: person.email,
    ip: ctx.ip,
    details: before.role !== input.role ? { roleFrom: before.role, roleTo: input.role } : undefined,
  });
  return person;
}

/** Deactivation ends every session at once; the person keeps their history. */
export async function deactivatePerson(id: string, ctx: Ctx) {
  const person = await prisma.$transaction(async (tx) => {
    const p = await tx.person.update({ where: { id }, data: { deactivatedAt: new Date() }, select: { email: true } });
    await tx.session.deleteMany({ where: { personId: id } });
    await tx.invitation.updateMany({ where: { personId: id, usedAt: null }, data: { expiresAt: new Date() } });
    await readinessChanged(tx, [id], "Deactivated");
    return p;
  });
  await recordAudit({ action: "person.deactivated", actor: ctx.actor, target: person.email, ip: ctx.ip });
}

export async function reactivatePerson(id: string, ctx: Ctx, now = new Date()) {
  const person = await prisma.$transaction(async (tx) => {
    const p = await tx.person.update({ where: { id }, data: { deactivatedAt: null }, select: { email: true } });
    const { granted } = await syncRuleAssignments(tx, [id], { now });
    await readinessChanged(tx, [id], "Reactivated", now);
    await tellNewHolders(tx, granted, now, null);
    return p;
  });
  await recordAudit({ action: "person.reactivated", actor: ctx.actor, target: person.email, ip: ctx.ip });
}

export async function endPersonSessions(id: string, ctx: Ctx) {
  const count = await invalidatePersonSessions(id);
  const person = await prisma.person.findUniqueOrThrow({ where: { id }, select: { email: true } });
  await recordAudit({ action: "person.sessions_ended", actor: ctx.actor, target: person.email, ip: ctx.ip, details: { count } });
  return count;
}

export async function listDirectReports(managerId: string) {
  return prisma.person.findMany({
    where: { managerId, deactivatedAt: null },
    select: { id: true, name: true, email: true, department: true, jobTitle: true, startDate: true },
    orderBy: { name: "asc" },
  });
}
