import type { Prisma } from "~/generated/prisma/client";
import { recordAudit, type AuditContext } from "../audit/audit";
import { prisma } from "../db";
import { readinessChanged } from "../readiness/upkeep";
import { deviceLabel } from "./device-label";
import { firstExpiry, judgeSession } from "./session-rules";
import { generateToken, hashToken } from "./token";
import { viewKey } from "../views/cache";
import { readSession } from "./session-read";

/** Enough of a User-Agent to tell devices apart; the rest is noise a client could make arbitrarily long. */
const USER_AGENT_MAX = 200;
const IP_MAX = 64;

export type SessionMeta = { userAgent?: string | null; ip?: string | null };

const shorten = (value: string | null | undefined, max: number) => value?.trim().slice(0, max) || null;

/** A new session on every sign-in; the caller puts the token in the cookie and forgets it. */
export async function createSession(personId: string, now = new Date(), meta: SessionMeta = {}) {
  const token = generateToken();
  const session = await prisma.$transaction(
    async (tx) => {
      const session = await tx.session.create({
        data: {
          id: hashToken(token),
          personId,
          createdAt: now,
          expiresAt: firstExpiry(now),
          lastSeenAt: now,
          userAgent: shorten(meta.userAgent, USER_AGENT_MAX),
          ip: shorten(meta.ip, IP_MAX),
        },
      });
      const first = await tx.person.updateMany({ where: { id: personId, signedInAt: null }, data: { signedInAt: now } });
      // The first sign-in moves someone from "Invited, not signed in"; later ones only record the time.
      if (first.count > 0) await readinessChanged(tx, [personId], "First sign-in", now);
      else await tx.person.update({ where: { id: personId }, data: { signedInAt: now } });
      return session;
    },
    // Like every write, a sign-in waits for a running import to commit, up to the write-turn limit (ADR 022).
  );
  return { token, session };
}

/**
 * The person behind a cookie token, or null; slides the expiry and the last-seen time (at most hourly) as a side effect.
 * The read is one prepared statement (docs/decisions/014); `viewKey` keys the person's cached learner views.
 */
export async function validateSessionToken(token: string, now = new Date()) {
  const id = hashToken(token);
  const session = await readSession(id);
  if (!session) return null;
  const verdict = judgeSession(session, now);
  if (verdict.kind === "expired" || session.person.deactivatedAt) {
    await prisma.session.deleteMany({ where: { id } });
    return null;
  }
  if (verdict.renewTo) {
    // updateMany: the session may have been ended by another request since it was read.
    await prisma.session.updateMany({ where: { id }, data: { expiresAt: verdict.renewTo, lastSeenAt: now } });
  }
  return { sessionId: id, person: { ...session.person, viewKey: viewKey(session, now) } };
}

export async function invalidateSession(sessionId: string) {
  await prisma.session.deleteMany({ where: { id: sessionId } });
}

/** Ends every session of one person (deactivation, HR's "end sessions", a password change), inside the caller's transaction when given. */
export async function invalidatePersonSessions(personId: string, options: { except?: string } = {}, db: Prisma.TransactionClient = prisma) {
  const { count } = await db.session.deleteMany({
    where: { personId, ...(options.except ? { id: { not: options.except } } : {}) },
  });
  return count;
}

/** Delete sessions past their expiry (an expiry never passes the hard lifetime limit, so one indexed range covers both). */
export async function sweepExpiredSessions(now = new Date()) {
  const { count } = await prisma.session.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}

/** Where a person is signed in, newest first, with the browser they are looking from marked. */
export async function listOwnSessions(personId: string, currentSessionId: string, now = new Date()) {
  const rows = await prisma.session.findMany({
    where: { personId, expiresAt: { gt: now } },
    select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  return rows.map((s) => ({
    id: s.id,
    device: deviceLabel(s.userAgent),
    signedInAt: s.createdAt,
    lastSeenAt: s.lastSeenAt ?? s.createdAt,
    current: s.id === currentSessionId,
  }));
}

/**
 * Sign out one of the person's own browsers. Matching on the person as well as the id means an id that is someone
 * else's ends nothing and says nothing about them: it is reported exactly like one that no longer exists.
 */
export async function endOwnSession(sessionId: string, ctx: AuditContext): Promise<{ ended: boolean }> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { id: sessionId, personId: ctx.actor.id } });
    if (count > 0) await recordAudit({ action: "session.ended", actor: ctx.actor, target: ctx.actor.email, subjectId: ctx.actor.id, ip: ctx.ip }, tx);
    return { ended: count > 0 };
  });
}

/** "Sign out everywhere else": every session of the person but the one making the request. */
export async function endOtherSessions(currentSessionId: string, ctx: AuditContext): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const count = await invalidatePersonSessions(ctx.actor.id, { except: currentSessionId }, tx);
    await recordAudit(
      { action: "session.ended_others", actor: ctx.actor, target: ctx.actor.email, subjectId: ctx.actor.id, ip: ctx.ip, details: { count } },
      tx,
    );
    return count;
  });
}
