import { randomUUID } from "node:crypto";
import { recordAudits, type AuditContext } from "../audit/audit";
import { hashPassword } from "../auth/password";
import { generateToken, hashToken } from "../auth/token";
import { revokeTrustedDevices } from "../auth/trusted-device";
import { chunks } from "../chunks";
import { prisma } from "../db";
import { notify, publicOrigin } from "../notifications/notify";
import { yieldToOthers } from "../pace";
import { invitationMessage } from "../notifications/templates";
import { mailConfigured } from "../outbox/transport";

const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Invitations name who sent them, so the actor carries a name too. */
type InviterContext = AuditContext & { actor: { name: string } };

/** What became of one person in a (bulk) invitation; a problem with one never stops the others. */
export type InvitationOutcome = {
  personId: string;
  name: string;
  email: string;
  outcome: "emailed" | "link-only" | "invalid-address" | "deactivated" | "unknown";
  /** The link, for HR to pass on by hand (always for one person; for many only when e-mail is off). */
  link?: string;
  expiresAt?: Date;
};

export const invitationLink = (token: string) => `${publicOrigin()}/invite/${token}`;

/**
 * One-time links for setting a password, e-mailed through the outbox when e-mail is set up: one transaction for
 * everyone, so 1,000 people are invited in one write and the sending happens after. Earlier unused links of
 * the same people stop working.
 */
export async function inviteMany(personIds: string[], ctx: InviterContext, now = new Date()): Promise<InvitationOutcome[]> {
  const ids = [...new Set(personIds)];
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  const emailOn = mailConfigured();
  const outcomes = await prisma.$transaction(
    async (tx) => {
      const people = new Map<string, { id: string; name: string; email: string; deactivatedAt: Date | null }>();
      for (const part of chunks(ids, 500)) {
        for (const p of await tx.person.findMany({ where: { id: { in: part } }, select: { id: true, name: true, email: true, deactivatedAt: true } }))
          people.set(p.id, p);
      }
      const result: InvitationOutcome[] = [];
      const invite: { person: { id: string; name: string; email: string }; id: string; token: string }[] = [];
      for (const id of ids) {
        const p = people.get(id);
        if (!p) result.push({ personId: id, name: "", email: "", outcome: "unknown" });
        else if (p.deactivatedAt) result.push({ personId: id, name: p.name, email: p.email, outcome: "deactivated" });
        else invite.push({ person: p, id: randomUUID(), token: generateToken() });
      }
      for (const part of chunks(invite, 100)) {
        await tx.invitation.updateMany({
          where: { personId: { in: part.map((i) => i.person.id) }, usedAt: null, expiresAt: { gt: now } },
          data: { expiresAt: now },
        });
        await tx.invitation.createMany({
          data: part.map((i) => ({
            id: i.id,
            tokenHash: hashToken(i.token),
            personId: i.person.id,
            createdById: ctx.actor.id,
            purpose: "invite",
            expiresAt,
            createdAt: now,
          })),
        });
        await yieldToOthers();
      }
      const sent = await notify(
        tx,
        invite.map((i) => ({
          kind: "invitation" as const,
          key: `invitation:${i.id}`,
          to: i.person,
          urgent: true,
          content: invitationMessage({ link: invitationLink(i.token), expiresAt, invitedBy: ctx.actor.name }),
        })),
        now,
      );
      const invalid = new Set(sent.invalidAddress.map((p) => p.id));
      const single = ids.length === 1;
      for (const i of invite) {
        const outcome = invalid.has(i.person.id) ? "invalid-address" : emailOn ? "emailed" : "link-only";
        const showLink = single || outcome !== "emailed";
        result.push({
          personId: i.person.id,
          name: i.person.name,
          email: i.person.email,
          outcome,
          expiresAt,
          ...(showLink ? { link: invitationLink(i.token) } : {}),
        });
      }
      await recordAudits(
        invite.map((i) => ({
          action: "invitation.created",
          actor: ctx.actor,
          target: i.person.email,
          ip: ctx.ip,
          details: { emailed: emailOn && !invalid.has(i.person.id) },
        })),
        tx,
      );
      return result;
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  return outcomes;
}

/** The invitation or reset behind a link if it can still be used. */
export async function findUsableInvitation(token: string, now = new Date()) {
  const state = await invitationLinkState(token, now);
  return state.kind === "usable" ? state.invitation : null;
}

/** Who to ask for a new invitation: the HR person who sent this one, while they still work here. */
type Inviter = { name: string; email: string; role: "LEARNER" | "MANAGER" | "HR" };

/** Why a link can no longer be used, in terms the link's holder may learn: nothing about anyone but them and their inviter. */
export type DeadLink =
  | { kind: "used"; purpose: "invite" | "reset"; usedAt: Date }
  | { kind: "expired"; purpose: "invite" | "reset"; expiredAt: Date; inviter: Inviter | null }
  /** Cut short because a newer link was sent to the same person: the newest e-mail holds the working one. */
  | { kind: "replaced"; purpose: "invite" | "reset"; inviter: Inviter | null }
  /** The account was deactivated after the link was sent. */
  | { kind: "closed" }
  | { kind: "unknown" };

const withPerson = { person: { select: { id: true, name: true, email: true, deactivatedAt: true } } } as const;

/**
 * What a link is: usable (with its invitation), or why not. A newer link ends older unused ones by setting their
 * expiry to its own creation time (inviteMany, requestPasswordReset), which is how "replaced" is told from "expired".
 */
export async function invitationLinkState(token: string, now = new Date()) {
  const invitation = await prisma.invitation.findUnique({ where: { tokenHash: hashToken(token) }, include: withPerson });
  if (!invitation) return { kind: "unknown" } satisfies DeadLink;
  if (invitation.person.deactivatedAt) return { kind: "closed" } satisfies DeadLink;
  const { purpose } = invitation;
  if (invitation.usedAt) return { kind: "used", purpose, usedAt: invitation.usedAt } satisfies DeadLink;
  if (invitation.expiresAt > now) return { kind: "usable" as const, invitation };
  const [successor, inviter] = await Promise.all([
    prisma.invitation.findFirst({
      where: { personId: invitation.personId, id: { not: invitation.id }, createdAt: invitation.expiresAt },
      select: { id: true },
    }),
    purpose === "invite" && invitation.createdById
      ? prisma.person.findFirst({ where: { id: invitation.createdById, deactivatedAt: null }, select: { name: true, email: true, role: true } })
      : null,
  ]);
  if (successor) return { kind: "replaced", purpose, inviter } satisfies DeadLink;
  return { kind: "expired", purpose, expiredAt: invitation.expiresAt, inviter } satisfies DeadLink;
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
    // A new password: browsers trusted with the old one are trusted no more (docs/decisions/013).
    await revokeTrustedDevices(invitation.personId, {}, tx);
    await recordAudits(
      [{ action: invitation.purpose === "reset" ? "password.reset" : "invitation.redeemed", actor: invitation.person, target: invitation.person.email, ip }],
      tx,
    );
    return true;
  });
  if (!used) return null;
  return invitation.person;
}
