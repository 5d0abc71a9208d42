import { recordAudit } from "../audit/audit";
import { prisma } from "../db";
import { hashPassword, verifyPassword } from "./password";
import { invalidatePersonSessions } from "./session";
import { accountThrottle } from "./throttle";
import { revokeTrustedDevices } from "./trusted-device";

/** Needs the current password; signs out every other browser of this person. */
export async function changePassword(
  input: {
    personId: string;
    sessionId: string;
    currentPassword: string;
    newPassword: string;
    ip: string | null;
    /** This browser's device cookie: it stays trusted, every other browser of the person is forgotten. */
    deviceToken?: string | null;
  },
  now = Date.now(),
): Promise<{ ok: true } | { ok: false; field: "currentPassword"; message: string }> {
  // A stolen session must not become a way to guess the password: same throttle as sign-in.
  const key = `password-change:${input.personId}`;
  const wait = await accountThrottle.waitMs(key, now);
  if (wait > 0) {
    return { ok: false, field: "currentPassword", message: `Too many attempts. Please wait ${Math.ceil(wait / 1000)} seconds and try again.` };
  }
  const person = await prisma.person.findUniqueOrThrow({
    where: { id: input.personId },
    select: { id: true, email: true, passwordHash: true },
  });
  if (!person.passwordHash || !(await verifyPassword(input.currentPassword, person.passwordHash))) {
    await accountThrottle.recordFailure(key, now);
    await recordAudit({ action: "password.change_failed", actor: person, target: person.email, ip: input.ip });
    return { ok: false, field: "currentPassword", message: "That is not your current password." };
  }
  await accountThrottle.reset(key);
  // Hashed before the transaction: scrypt is slow on purpose, and nobody else may write while it runs.
  const passwordHash = await hashPassword(input.newPassword);
  // One transaction: a new password never stands while sessions that knew the old one survive.
  await prisma.$transaction(async (tx) => {
    await tx.person.update({ where: { id: person.id }, data: { passwordHash } });
    const ended = await invalidatePersonSessions(person.id, { except: input.sessionId }, tx);
    await revokeTrustedDevices(person.id, { exceptToken: input.deviceToken }, tx);
    await recordAudit(
      { action: "password.changed", actor: person, target: person.email, subjectId: person.id, ip: input.ip, details: { sessionsEnded: ended } },
      tx,
    );
  });
  return { ok: true };
}
