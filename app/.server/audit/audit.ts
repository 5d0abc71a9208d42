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
  await db.auditEvent.create({
    data: {
      action: input.action,
      actorId: input.actor?.id ?? null,
      actorEmail: input.actor?.email ?? null,
      target: input.target ?? null,
      ip: input.ip ?? null,
      details: input.details ? JSON.stringify(input.details) : null,
    },
  });
}

export async function listAuditEvents(options: { take?: number; actorId?: string; target?: string } = {}) {
  return prisma.auditEvent.findMany({
    where: { actorId: options.actorId, target: options.target },
    orderBy: { at: "desc" },
    take: options.take ?? 50,
  });
}
