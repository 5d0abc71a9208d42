import { prisma } from "../db";
import { emailDomain, passwordRule } from "./rules";

/** Whether a password may sign in this e-mail address: its domain may have switched to a provider (break-glass HR aside). */
export async function passwordPolicyFor(email: string) {
  const domain = emailDomain(email);
  if (!domain) return passwordRule(null, null);
  const [row, person] = await Promise.all([
    prisma.ssoDomain.findUnique({ where: { domain }, select: { passwordOff: true, provider: { select: { name: true, enabled: true } } } }),
    prisma.person.findUnique({ where: { email }, select: { role: true, passwordAlwaysAllowed: true } }),
  ]);
  return passwordRule(person, row ? { passwordOff: row.passwordOff, providerName: row.provider.name, providerEnabled: row.provider.enabled } : null);
}
