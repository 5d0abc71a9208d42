import { randomUUID } from "node:crypto";
import { Prisma } from "~/generated/prisma/client";
import { chunks } from "../../chunks";
import { syncRuleAssignments } from "../../curricula/sync";
import { publishEvents, type IntegrationEvent } from "../../integrations/events";
import { dialect, prisma } from "../../db";
import { markReadinessStale } from "../../readiness/upkeep";
import { personColumns } from "../columns";
import { pacer, yieldToOthers } from "../../pace";
import type { ExistingPerson, ImportPlan, PersonFromFile } from "./plan";

export type ImportProgress = (done: number, total: number) => void;

/** Everyone in Baton, read a page at a time (one query for 200,000 people would hold the event loop for seconds). */
export async function loadExistingPeople(): Promise<ExistingPerson[]> {
  const pages = [];
  const emailOf = new Map<string, string>();
  for (let cursor: string | undefined; ;) {
    const page = await prisma.person.findMany({
      select: { ...personColumns, managerId: true, employeeId: true, location: true },
      where: cursor ? { id: { gt: cursor } } : undefined,
      orderBy: { id: "asc" },
      take: PAGE,
    });
    for (const p of page) emailOf.set(p.id, p.email);
    pages.push(page);
    if (page.length < PAGE) break;
    cursor = page[page.length - 1]!.id;
    await yieldToOthers();
  }
  const people: ExistingPerson[] = [];
  for (const page of pages) {
    for (const { managerId, ...p } of page) people.push({ ...p, managerEmail: managerId ? (emailOf.get(managerId) ?? null) : null });
    await yieldToOthers();
  }
  return people;
}

/**
 * Managers before the people they manage, so every insert batch finds its managers already written: by depth
 * in the chain, in the plan's order within a depth.
 */
async function managersFirst(creates: PersonFromFile[]): Promise<PersonFromFile[]> {
  const pace = pacer();
  const byEmail = new Map<string, PersonFromFile>();
  for (const c of creates) {
    if (pace.due()) await pace.pause();
    byEmail.set(c.email, c);
  }
  const depth = new Map<string, number>();
  // A loop, not recursion: a chain can be as long as the file, and a recursive walk overflows the stack.
  const depthOf = (c: PersonFromFile): number => {
    const chain: PersonFromFile[] = [];
    const onChain = new Set<string>();
    let d = -1;
    for (let cursor: PersonFromFile | undefined = c; cursor; cursor = cursor.managerEmail ? byEmail.get(cursor.managerEmail) : undefined) {
      const known = depth.get(cursor.email);
      if (known !== undefined) {
        d = known;
        break;
      }
      // The plan has no cycles; the guard only keeps a bug from looping forever.
      if (onChain.has(cursor.email)) break;
      onChain.add(cursor.email);
      chain.push(cursor);
    }
    for (let i = chain.length - 1; i >= 0; i--) depth.set(chain[i]!.email, ++d);
    return d;
  };
  const byDepth: PersonFromFile[][] = [];
  for (const c of creates) {
    if (pace.due()) await pace.pause();
    (byDepth[depthOf(c)] ??= []).push(c);
  }
  return byDepth.flatMap((level) => level ?? []);
}

/** Ids of the managers the plan names who are already in Baton. */
async function existingManagerIds(tx: Prisma.TransactionClient, plan: ImportPlan): Promise<Map<string, string>> {
  const pace = pacer();
  const creating = new Set<string>();
  for (const c of plan.creates) {
    if (pace.due()) await pace.pause();
    creating.add(c.email);
  }
  const named = new Set<string>();
  for (const list of [plan.creates, plan.updates]) {
    for (const p of list) {
      if (pace.due()) await pace.pause();
      if (p.managerEmail && !creating.has(p.managerEmail)) named.add(p.managerEmail);
    }
  }
  const ids = new Map<string, string>();
  for (const emails of chunks([...named], BATCH)) {
    for (const p of await tx.person.findMany({ where: { email: { in: emails } }, select: { id: true, email: true } })) ids.set(p.email, p.id);
    await yieldToOthers();
  }
  // Someone whose e-mail this import changes is found by their new e-mail, which Baton does not have yet.
  for (const u of plan.updates) {
    if (pace.due()) await pace.pause();
    ids.set(u.email, u.id);
  }
  return ids;
}

const BATCH = 500;

// A VALUES list has no column types of its own: PostgreSQL reads its columns as text, so the enum and the
// timestamp are cast where they are stored; SQLite stores both as text anyway (docs/decisions/018).
const postgres = () => dialect() === "postgresql";
const roleValue = () => (postgres() ? Prisma.sql`CAST(v.role AS "Role")` : Prisma.sql`v.role`);
const startDateValue = () => (postgres() ? Prisma.sql`CAST(v.startDate AS timestamp(3))` : Prisma.sql`v.startDate`);
const PAGE = 2_000;
/** People per call of the rule sync and the readiness marking, with a turn for others between calls. */
const FOLLOW_UP_BATCH = 500;

/**
 * Write a plan in ONE transaction: everything or nothing. New people go in as batched multi-row inserts
 * (their ids are made here, so managers can be linked in the same insert); changed people are updated in
 * batches too; group assignment rules then apply to everyone created or changed. The caller must have checked
 * that the plan has no problems. Between batches the event loop serves other requests; writes from them wait for
 * this transaction (docs/decisions/010).
 */
export async function applyImportPlan(
  plan: ImportPlan,
  opts: { deactivateMissing: boolean; now?: Date; onProgress?: ImportProgress },
): Promise<{ created: number; updated: number; deactivated: number; assigned: number; importedAt: Date }> {
  if (plan.problems.length > 0) throw new Error("An import plan with problems cannot be applied.");
  const now = opts.now ?? new Date();
  // Leavers (by employment status) always; people missing from the file only on request.
  const toDeactivate = [...plan.deactivate.map((d) => d.id), ...(opts.deactivateMissing ? plan.missing.map((m) => m.id) : [])];
  const total = plan.creates.length + plan.updates.length + toDeactivate.length;
  let done = 0;
  const tick = (n: number) => {
    done += n;
    opts.onProgress?.(done, total);
  };

  return prisma.$transaction(
    async (tx) => {
      opts.onProgress?.(0, total);
      const ids = await existingManagerIds(tx, plan);
      const pace = pacer();
      const creates: { c: PersonFromFile; id: string }[] = [];
      for (const c of await managersFirst(plan.creates)) {
        if (pace.due()) await pace.pause();
        const id = randomUUID();
        ids.set(c.email, id);
        creates.push({ c, id });
      }
      const managerId = (email: string | null) => (email ? (ids.get(email) ?? null) : null);

      // Multi-row INSERTs through $executeRaw: Prisma's createMany costs about five times as much per row here
      // (see docs/benchmarks.md). Values are bound parameters; dates bind as Prisma writes them.
      for (const batch of chunks(creates, BATCH)) {
        const values = Prisma.join(
          batch.map(
            ({ c, id }) =>
              Prisma.sql`(${id}, ${c.email}, ${c.name}, ${c.role}, ${c.department}, ${c.jobTitle}, ${c.location}, ${c.employeeId}, ${c.startDate}, ${managerId(c.managerEmail)}, ${now}, ${now})`,
          ),
        );
        await tx.$executeRaw`
          INSERT INTO "Person" ("id", "email", "name", "role", "department", "jobTitle", "location", "employeeId", "startDate", "managerId", "createdAt", "updatedAt")
          VALUES ${values}`;
        tick(batch.length);
        await yieldToOthers();
      }

      // Each changed person has their own values: one UPDATE … FROM (VALUES …) per batch instead of a query
      // per row (Prisma has no bulk update with per-row data). Dates bind as Prisma writes them.
      for (const batch of chunks(plan.updates, BATCH)) {
        const values = Prisma.join(
          batch.map(
            (u) =>
              Prisma.sql`(${u.id}, ${u.email}, ${u.name}, ${u.role}, ${u.department}, ${u.jobTitle}, ${u.location}, ${u.employeeId}, ${u.startDate}, ${managerId(u.managerEmail)})`,
          ),
        );
        await tx.$executeRaw`
          WITH v(id, email, name, role, department, jobTitle, location, employeeId, startDate, managerId) AS (VALUES ${values})
          UPDATE "Person" SET "email" = v.email, "name" = v.name, "role" = ${roleValue()}, "department" = v.department, "jobTitle" = v.jobTitle,
            "location" = v.location, "employeeId" = v.employeeId, "startDate" = ${startDateValue()}, "managerId" = v.managerId, "updatedAt" = ${now}
          FROM v WHERE "Person"."id" = v.id`;
        tick(batch.length);
        await yieldToOthers();
      }
      // A role change alters what a person may do: they sign in again, as when HR edits the role by hand.
      const roleChanged = plan.updates.filter((u) => u.roleChanged).map((u) => u.id);
      for (const batch of chunks(roleChanged, BATCH)) {
        await tx.session.deleteMany({ where: { personId: { in: batch } } });
        await yieldToOthers();
      }

      for (const batch of chunks(toDeactivate, BATCH)) {
        await tx.person.updateMany({ where: { id: { in: batch }, deactivatedAt: null }, data: { deactivatedAt: now } });
        await tx.session.deleteMany({ where: { personId: { in: batch } } });
        await tx.invitation.updateMany({ where: { personId: { in: batch }, usedAt: null }, data: { expiresAt: now } });
        tick(batch.length);
        await yieldToOthers();
      }

      // The rule sync and the readiness marking treat each person on their own: in parts, others get turns between.
      // No "curriculum assigned" messages from an import: it is a bulk sync of the HR system (thousands of people in
      // one long transaction); new people get their invitation, and everyone finds their curricula on My learning,
      // with due-date reminders (notifications/schedule.ts) before anything falls due.
      const touched = [...creates.map((c) => c.id), ...plan.updates.map((u) => u.id)];
      let added = 0;
      for (const batch of chunks(touched, FOLLOW_UP_BATCH)) {
        added += (await syncRuleAssignments(tx, batch, { now })).added;
        await yieldToOthers();
      }
      // New people have no summary yet (computed on first read); changed ones are marked stale in this transaction.
      for (const batch of chunks([...new Set([...plan.updates.map((u) => u.id), ...toDeactivate])], FOLLOW_UP_BATCH)) {
        await markReadinessStale(tx, batch, "Imported", now);
        await yieldToOthers();
      }
      // Webhooks for everyone added or deactivated: one publish for the whole import (integrations/events.ts).
      await publishEvents(
        tx,
        [
          ...creates.map(({ id }): IntegrationEvent => ({ type: "person.created", personId: id })),
          ...toDeactivate.map((personId): IntegrationEvent => ({ type: "person.deactivated", personId })),
        ],
        now,
      );
      return { created: creates.length, updated: plan.updates.length, deactivated: toDeactivate.length, assigned: added, importedAt: now };
    },
    { timeout: 10 * 60_000, maxWait: 30_000 },
  );
}
