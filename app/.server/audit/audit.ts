import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "../db";

export type AuditInput = {
  action: string;
  actor?: { id: string; email: string } | null;
  target?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
};

/** Append one audit event. Times are stored in UTC (Prisma writes DateTime as UTC). */
export async function recordAudit(input: AuditInput, db: Prisma.TransactionClient = prisma): Promise<void> {
  await recordAudits([input], db);
}

/** Many audit events in one statement (a bulk invitation audits each person). */
export async function recordAudits(inputs: AuditInput[], db: Prisma.TransactionClient = prisma): Promise<void> {
  if (inputs.length === 0) return;
  await db.auditEvent.createMany({
    data: inputs.map((input) => ({
      action: input.action,
      actorId: input.actor?.id ?? null,
      actorEmail: input.actor?.email ?? null,
      target: input.target ?? null,
      ip: input.ip ?? null,
      details: input.details ? JSON.stringify(input.details) : null,
    })),
  });
}

export async function listAuditEvents(options: { take?: number; actorId?: string; target?: string } = {}) {
  return prisma.auditEvent.findMany({
    where: { actorId: options.actorId, target: options.target },
    orderBy: { at: "desc" },
    take: options.take ?? 50,
  });
}
