import { recordAudit } from "../audit/audit";
import { hashPassword } from "../auth/password";
import { generateToken, hashToken } from "../auth/token";
import { prisma } from "../db";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** A one-time link for setting a password; earlier unused links for the same person stop working. */
export async function createInvitation(personId: string, ctx: { actor: { id: string; email: string }; ip: string | null }, now = new Date()) {
  const token = generateToken();
  const person = await prisma.$transaction(async (tx) => {
    await tx.invitation.updateMany({ where: { personId, usedAt: null }, data: { expiresAt: now } });
    await tx.invitation.create({
      data: { tokenHash: hashToken(token), personId, createdById: ctx.actor.id, expiresAt: new Date(now.getTime() + INVITATION_TTL_MS) },
    });
    return tx.person.findUniqueOrThrow({ where: { id: personId }, select: { email: true } });
  });
  await recordAudit({ action: "invitation.created", actor: ctx.actor, target: person.email, ip: ctx.ip });
  return { token, expiresAt: new Date(now.getTime() + INVITATION_TTL_MS) };
}

/** The invitation behind a link if it can still be used. */
export async function findUsableInvitation(token: string, now = new Date()) {
  const invitation = await prisma.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { person: { select: { id: true, name: true, email: true, deactivatedAt: true } } },
  });
  if (!invitation || invitation.usedAt || invitation.expiresAt <= now || invitation.person.deactivatedAt) return null;
  return invitation;
}

/** Sets the password and uses up the link in one transaction; a second use finds nothing. */
export async function redeemInvitation(token: string, password: string, ip: string | null, now = new Date()) {
  const invitation = await findUsableInvitation(token, now);
  if (!invitation) return null;
  const passwordHash = await hashPassword(password);
  const used = await prisma.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({ where: { id: invitation.id, usedAt: null }, data: { usedAt: now } });
    if (count === 0) return false;
    await tx.person.update({ where: { id: invitation.personId }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { personId: invitation.personId } });
    return true;
  });
  if (!used) return null;
  await recordAudit({ action: "invitation.redeemed", actor: invitation.person, target: invitation.person.email, ip });
  return invitation.person;
}
