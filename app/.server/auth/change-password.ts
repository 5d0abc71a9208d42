import { recordAudit } from "../audit/audit";
import { prisma } from "../db";
import { hashPassword, verifyPassword } from "./password";
import { invalidatePersonSessions } from "./session";

/** Needs the current password; signs out every other browser of this person. */
export async function changePassword(input: {
  personId: string;
  sessionId: string;
  currentPassword: string;
  newPassword: string;
  ip: string | null;
}): Promise<{ ok: true } | { ok: false; field: "currentPassword"; message: string }> {
  const person = await prisma.person.findUniqueOrThrow({
    where: { id: input.personId },
    select: { id: true, email: true, passwordHash: true },
  });
  if (!person.passwordHash || !(await verifyPassword(input.currentPassword, person.passwordHash))) {
    await recordAudit({ action: "password.change_failed", actor: person, target: person.email, ip: input.ip });
    return { ok: false, field: "currentPassword", message: "That is not your current password." };
  }
  await prisma.person.update({ where: { id: person.id }, data: { passwordHash: await hashPassword(input.newPassword) } });
  await invalidatePersonSessions(person.id, { except: input.sessionId });
  await recordAudit({ action: "password.changed", actor: person, target: person.email, ip: input.ip });
  return { ok: true };
}
