/**
 * The private calendar link: its token is the only key to a person's feed, so only its hash is stored. One link per
 * person: a new one replaces the old (the old URL stops working), and turning it off forgets the hash.
 */
import { recordAudit, type AuditContext } from "../audit/audit";
import { generateToken, hashToken } from "../auth/token";
import { prisma } from "../db";

async function setCalendarTokenHash(personId: string, calendarTokenHash: string | null, action: string, ctx: AuditContext) {
  await prisma.$transaction(async (tx) => {
    const person = await tx.person.update({ where: { id: personId }, data: { calendarTokenHash }, select: { email: true } });
    await recordAudit({ action, actor: ctx.actor, target: person.email, ip: ctx.ip }, tx);
  });
}

/** A new link for the person's feeds; returns the token, which is never stored and cannot be shown again. */
export async function createCalendarToken(personId: string, ctx: AuditContext): Promise<string> {
  const token = generateToken();
  await setCalendarTokenHash(personId, hashToken(token), "calendar.token.created", ctx);
  return token;
}

/** Turn the person's feeds off: every link made so far stops working. */
export async function revokeCalendarToken(personId: string, ctx: AuditContext): Promise<void> {
  await setCalendarTokenHash(personId, null, "calendar.token.revoked", ctx);
}

/** The active person a calendar link belongs to, or null for an unknown, replaced or turned-off link. */
export async function personForCalendarToken(token: string) {
  const person = await prisma.person.findUnique({
    where: { calendarTokenHash: hashToken(token) },
    select: { id: true, name: true, role: true, deactivatedAt: true },
  });
  if (!person || person.deactivatedAt) return null;
  return person;
}

export async function hasCalendarFeed(personId: string): Promise<boolean> {
  const person = await prisma.person.findUnique({ where: { id: personId }, select: { calendarTokenHash: true } });
  return Boolean(person?.calendarTokenHash);
}
