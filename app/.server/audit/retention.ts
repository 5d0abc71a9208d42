/** How long audit events are kept, and the daily purge of older ones. */
import { z } from "zod";
import { prisma } from "../db";
import { emptyToUndefined } from "../forms/parse";
import { orgSettings } from "../notifications/settings";
import { yieldToOthers } from "../pace";
import { recordAudit } from "./audit";

const DAY_MS = 86_400_000;
const PURGE_BATCH = 1000;
const DEFAULT_AUDIT_RETENTION_DAYS = 730;

const daysMessage = "Enter a whole number of days from 0 to 3650 (0 keeps events forever).";

export const AuditRetentionSchema = z.object({
  auditRetentionDays: z.preprocess(
    emptyToUndefined,
    z.coerce.number({ required_error: daysMessage, invalid_type_error: daysMessage }).int(daysMessage).min(0, daysMessage).max(3650, daysMessage),
  ),
});

/** Days audit events are kept (0: forever). */
export async function auditRetentionDays(): Promise<number> {
  const row = await prisma.orgSettings.findUnique({ where: { id: 1 }, select: { auditRetentionDays: true } });
  return row?.auditRetentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS;
}

/** Change how long events are kept; the change is audited in the same transaction. */
export async function updateAuditRetention(days: number, ctx: { actor: { id: string; email: string }; ip: string | null }) {
  await orgSettings(); // creates the row with its secret the first time
  await prisma.$transaction(async (tx) => {
    const before = await tx.orgSettings.findUniqueOrThrow({ where: { id: 1 }, select: { auditRetentionDays: true } });
    await tx.orgSettings.update({ where: { id: 1 }, data: { auditRetentionDays: days } });
    await recordAudit(
      {
        action: "settings.audit.updated",
        actor: ctx.actor,
        target: "organisation",
        subjectId: null,
        ip: ctx.ip,
        details: { before: before.auditRetentionDays, after: days },
      },
      tx,
    );
  });
}

/**
 * Delete events older than the retention period (none when it is 0), a batch at a time so requests keep being
 * answered; one event records how many went. Returns the number deleted.
 */
export async function purgeOldAudit(now: Date): Promise<number> {
  const days = await auditRetentionDays();
  if (days === 0) return 0;
  const before = new Date(now.getTime() - days * DAY_MS);
  let deleted = 0;
  for (;;) {
    const batch = await prisma.auditEvent.findMany({ where: { at: { lt: before } }, select: { id: true }, orderBy: { at: "asc" }, take: PURGE_BATCH });
    if (batch.length === 0) break;
    deleted += (await prisma.auditEvent.deleteMany({ where: { id: { in: batch.map((e) => e.id) } } })).count;
    if (batch.length < PURGE_BATCH) break;
    await yieldToOthers();
  }
  if (deleted > 0)
    await recordAudit({
      action: "audit.purged",
      target: "audit log",
      subjectId: null,
      details: { count: deleted, before: before.toISOString(), retentionDays: days },
    });
  return deleted;
}
