/** Pure rules for session lifetime: kept apart from the database so they can be tested with a clock. */
export const SESSION_IDLE_MS = 30 * 24 * 60 * 60 * 1000; // sliding: 30 days after last use
export const SESSION_RENEW_EVERY_MS = 60 * 60 * 1000; // write the new expiry at most hourly
export const SESSION_MAX_LIFETIME_MS = 90 * 24 * 60 * 60 * 1000; // hard limit from sign-in

export type SessionTimes = { createdAt: Date; expiresAt: Date };

export type SessionVerdict = { kind: "expired" } | { kind: "valid"; renewTo: Date | null };

/** Decide whether a session is still valid at `now`, and whether to write a later expiry. */
export function judgeSession(session: SessionTimes, now: Date): SessionVerdict {
  const hardEnd = session.createdAt.getTime() + SESSION_MAX_LIFETIME_MS;
  if (now.getTime() >= session.expiresAt.getTime() || now.getTime() >= hardEnd) return { kind: "expired" };
  const lastUse = session.expiresAt.getTime() - SESSION_IDLE_MS;
  if (now.getTime() - lastUse < SESSION_RENEW_EVERY_MS) return { kind: "valid", renewTo: null };
  return { kind: "valid", renewTo: new Date(Math.min(now.getTime() + SESSION_IDLE_MS, hardEnd)) };
}

export function firstExpiry(now: Date): Date {
  return new Date(now.getTime() + SESSION_IDLE_MS);
}
