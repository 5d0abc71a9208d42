import { prisma } from "../db";
import { readinessChanged } from "../readiness/upkeep";
import { firstExpiry, judgeSession } from "./session-rules";
import { generateToken, hashToken } from "./token";
import { personColumns } from "../people/columns";

export const viewerSelect = { ...personColumns, managerId: true } as const;

/** A new session on every sign-in; the caller puts the token in the cookie and forgets it. */
export async function createSession(personId: string, now = new Date()) {
  const token = generateToken();
  const session = await prisma.$transaction(async (tx) => {
    const session = await tx.session.create({ data: { id: hashToken(token), personId, createdAt: now, expiresAt: firstExpiry(now) } });
    const first = await tx.person.updateMany({ where: { id: personId, signedInAt: null }, data: { signedInAt: now } });
    // The first sign-in moves someone from "Invited, not signed in"; later ones only record the time.
    if (first.count > 0) await readinessChanged(tx, [personId], "First sign-in", now);
    else await tx.person.update({ where: { id: personId }, data: { signedInAt: now } });
    return session;
    // Like every write, a sign-in waits for a running import to commit (imports yield to reads, not to writes).
  }, { maxWait: 10 * 60_000 });
  return { token, session };
}

/** The person behind a cookie token, or null; slides the expiry (at most hourly) as a side effect. */
export async function validateSessionToken(token: string, now = new Date()) {
  const id = hashToken(token);
  const session = await prisma.session.findUnique({ where: { id }, include: { person: { select: viewerSelect } } });
  if (!session) return null;
  const verdict = judgeSession(session, now);
  if (verdict.kind === "expired" || session.person.deactivatedAt) {
    await prisma.session.deleteMany({ where: { id } });
    return null;
  }
  if (verdict.renewTo) {
    await prisma.session.update({ where: { id }, data: { expiresAt: verdict.renewTo } });
  }
  return { sessionId: id, person: session.person };
}

export async function invalidateSession(sessionId: string) {
  await prisma.session.deleteMany({ where: { id: sessionId } });
}

/** Ends every session of one person (deactivation, HR's "end sessions", a password change). */
export async function invalidatePersonSessions(personId: string, options: { except?: string } = {}) {
  const { count } = await prisma.session.deleteMany({
    where: { personId, ...(options.except ? { id: { not: options.except } } : {}) },
  });
  return count;
}
