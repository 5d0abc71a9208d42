import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "../db";

export type AuditInput = {
  action: string;
  actor?: { id: string; email: string } | null;
  target?: string | null;
  /** The person the event is about. Left out: found from `target` when that is someone's e-mail; null: about no one. */
  subjectId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
};

/** Who made a change and from where: what every audited domain function takes. */
export type AuditContext = { actor: { id: string; email: string }; ip: string | null };

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Is this target text an e-mail address (and so possibly a person)? */
export const looksLikeEmail = (text: string | null | undefined): text is string => !!text && text.length <= 254 && EMAIL.test(text);

/**
 * E-mail → person id for the given addresses, in one query on `db` (inside a transaction it sees the person that
 * transaction just created). People's e-mails are stored in lower case.
 */
async function personIdsByEmail(emails: Iterable<string>, db: Prisma.TransactionClient = prisma): Promise<Map<string, string>> {
  const wanted = [...new Set([...emails].map((e) => e.trim().toLowerCase()))];
  if (wanted.length === 0) return new Map();
  const people = await db.person.findMany({ where: { email: { in: wanted } }, select: { id: true, email: true } });
  return new Map(people.map((p) => [p.email, p.id]));
}

/** Append one audit event. Times are stored in UTC (Prisma writes DateTime as UTC). */
export async function recordAudit(input: AuditInput, db: Prisma.TransactionClient = prisma): Promise<void> {
  await recordAudits([input], db);
}

/**
 * Many audit events in one statement (a bulk invitation audits each person). Events name their person by id, not
 * e-mail (e-mails change): callers that only pass the e-mail as `target` get it looked up here.
 */
export async function recordAudits(inputs: AuditInput[], db: Prisma.TransactionClient = prisma): Promise<void> {
  if (inputs.length === 0) return;
  const unresolved = inputs.filter((i) => i.subjectId === undefined && looksLikeEmail(i.target)).map((i) => i.target!);
  const ids = await personIdsByEmail(unresolved, db);
  await db.auditEvent.createMany({
    data: inputs.map((input) => ({
      action: input.action,
      actorId: input.actor?.id ?? null,
      actorEmail: input.actor?.email ?? null,
      target: input.target ?? null,
      subjectId: input.subjectId !== undefined ? input.subjectId : looksLikeEmail(input.target) ? (ids.get(input.target.trim().toLowerCase()) ?? null) : null,
      ip: input.ip ?? null,
      details: input.details ? JSON.stringify(input.details) : null,
    })),
  });
}

/**
 * The latest events, by the person they are about (`subjectId`) or who did them (`actorId`). `target` is kept for
 * older callers: an e-mail that belongs to someone now means that person's history, by id; other text matches as stored.
 */
export async function listAuditEvents(options: { take?: number; actorId?: string; subjectId?: string; target?: string } = {}) {
  let { subjectId, target } = options;
  if (subjectId === undefined && looksLikeEmail(target)) {
    const id = (await personIdsByEmail([target])).get(target.trim().toLowerCase());
    if (id) [subjectId, target] = [id, undefined];
  }
  return prisma.auditEvent.findMany({
    where: { actorId: options.actorId, subjectId, target },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: options.take ?? 50,
  });
}
