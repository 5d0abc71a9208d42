import { randomUUID } from "node:crypto";
import { Prisma } from "~/generated/prisma/client";
import { chunks } from "../../chunks";
import { syncRuleAssignments } from "../../curricula/sync";
import { prisma } from "../../db";
import { markReadinessStale } from "../../readiness/upkeep";
import type { ExistingPerson, ImportPlan, PersonFromFile } from "./plan";
import { personColumns } from "../columns";

export type ImportProgress = (done: number, total: number) => void;

export async function loadExistingPeople(): Promise<ExistingPerson[]> {
  const rows = await prisma.person.findMany({
    select: { ...personColumns, manager: { select: { email: true } } },
  });
  return rows.map(({ manager, ...p }) => ({ ...p, managerEmail: manager?.email ?? null }));
}

/** Managers before the people they manage, so every insert batch finds its managers already written. */
function managersFirst(creates: PersonFromFile[]): PersonFromFile[] {
  const byEmail = new Map(creates.map((c) => [c.email, c]));
  const depth = new Map<string, number>();
  const depthOf = (c: PersonFromFile): number => {
    const known = depth.get(c.email);
    if (known !== undefined) return known;
    // The plan has no cycles; the guard only keeps a bug from looping forever.
    depth.set(c.email, 0);
    const manager = c.managerEmail ? byEmail.get(c.managerEmail) : undefined;
    const d = manager ? depthOf(manager) + 1 : 0;
    depth.set(c.email, d);
    return d;
  };
  return [...creates].sort((a, b) => depthOf(a) - depthOf(b));
}

const BATCH = 500;

/** A unique index refused a row (an email taken meanwhile): P2002 from the client, P2010 from raw SQL. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message } = error as { code?: string; message?: string };
  return code === "P2002" || (code === "P2010" && /UNIQUE constraint failed/i.test(message ?? ""));
}

/**
 * Write a plan in ONE transaction: everything or nothing. New people go in as batched multi-row inserts
 * (their ids are made here, so managers can be linked in the same insert); changed people are updated in
 * batches too; group assignment rules then apply to everyone created or changed. The caller must have checked
 * that the plan has no problems.
 */
export async function applyImportPlan(
  plan: ImportPlan,
  opts: { deactivateMissing: boolean; now?: Date; onProgress?: ImportProgress },
): Promise<{ created: number; updated: number; deactivated: number; assigned: number }> {
  if (plan.problems.length > 0) throw new Error("An import plan with problems cannot be applied.");
  const now = opts.now ?? new Date();
  const toDeactivate = opts.deactivateMissing ? plan.missing.map((m) => m.id) : [];
  const total = plan.creates.length + plan.updates.length + toDeactivate.length;
  let done = 0;
  const tick = (n: number) => {
    done += n;
    opts.onProgress?.(done, total);
  };

  return prisma.$transaction(
    async (tx) => {
      const ids = new Map((await tx.person.findMany({ select: { id: true, email: true } })).map((p) => [p.email, p.id]));
      const creates = managersFirst(plan.creates).map((c) => {
        const id = randomUUID();
        ids.set(c.email, id);
        return { c, id };
      });
      const managerId = (email: string | null) => (email ? (ids.get(email) ?? null) : null);

      // Multi-row INSERTs through $executeRaw: Prisma's createMany costs about five times as much per row here
      // (see docs/benchmarks.md). Values are bound parameters; dates bind as Prisma writes them.
      for (const batch of chunks(creates, BATCH)) {
        const values = Prisma.join(
          batch.map(
            ({ c, id }) =>
              Prisma.sql`(${id}, ${c.email}, ${c.name}, ${c.role}, ${c.department}, ${c.jobTitle}, ${c.startDate}, ${managerId(c.managerEmail)}, ${now}, ${now})`,
          ),
        );
        await tx.$executeRaw`
          INSERT INTO "Person" ("id", "email", "name", "role", "department", "jobTitle", "startDate", "managerId", "createdAt", "updatedAt")
          VALUES ${values}`;
        tick(batch.length);
      }

      // Each changed person has their own values: one UPDATE … FROM (VALUES …) per batch instead of a query
      // per row (Prisma has no bulk update with per-row data). Dates bind as Prisma writes them.
      for (const batch of chunks(plan.updates, BATCH)) {
        const values = Prisma.join(
          batch.map((u) => Prisma.sql`(${u.id}, ${u.name}, ${u.role}, ${u.department}, ${u.jobTitle}, ${u.startDate}, ${managerId(u.managerEmail)})`),
        );
        await tx.$executeRaw`
          WITH v(id, name, role, department, jobTitle, startDate, managerId) AS (VALUES ${values})
          UPDATE "Person" SET "name" = v.name, "role" = v.role, "department" = v.department, "jobTitle" = v.jobTitle,
            "startDate" = v.startDate, "managerId" = v.managerId, "updatedAt" = ${now}
          FROM v WHERE "Person"."id" = v.id`;
        tick(batch.length);
      }
      // A role change alters what a person may do: they sign in again, as when HR edits the role by hand.
      const roleChanged = plan.updates.filter((u) => u.roleChanged).map((u) => u.id);
      for (const batch of chunks(roleChanged, BATCH)) await tx.session.deleteMany({ where: { personId: { in: batch } } });

      for (const batch of chunks(toDeactivate, BATCH)) {
        await tx.person.updateMany({ where: { id: { in: batch }, deactivatedAt: null }, data: { deactivatedAt: now } });
        await tx.session.deleteMany({ where: { personId: { in: batch } } });
        await tx.invitation.updateMany({ where: { personId: { in: batch }, usedAt: null }, data: { expiresAt: now } });
        tick(batch.length);
      }

      const touched = [...creates.map((c) => c.id), ...plan.updates.map((u) => u.id)];
      const { added } = await syncRuleAssignments(tx, touched, { now });
      // New people have no summary yet (computed on first read); changed ones are marked stale in this transaction.
      await markReadinessStale(tx, [...plan.updates.map((u) => u.id), ...toDeactivate], "Imported", now);
      return { created: creates.length, updated: plan.updates.length, deactivated: toDeactivate.length, assigned: added };
    },
    { timeout: 10 * 60_000, maxWait: 30_000 },
  );
}
