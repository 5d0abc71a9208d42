import { randomUUID } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "../audit/audit";
import { prisma } from "../db";
import { notify } from "../notifications/notify";
import { passwordResetMessage } from "../notifications/templates";
import { invitationLink } from "../people/invitation";
import { passwordPolicyFor } from "../sso/password-policy";
import { RateLimit } from "./rate-limit";
import { generateToken, hashToken } from "./token";

const RESET_TTL_MS = 60 * 60 * 1000;
/** Per address and per client: enough for a person who mistyped, too few to flood someone's inbox. */
const perAddress = new RateLimit("reset-address", 3, RESET_TTL_MS);
const perClient = new RateLimit("reset-client", 20, RESET_TTL_MS);

export const ForgotPasswordSchema = z.object({ email: z.string().trim().toLowerCase().email("Enter the e-mail address you sign in with.") });

export type ResetRequestOutcome = "sent" | "unknown" | "throttled" | "password-off";

/**
 * "Forgot password?": a one-time link valid for one hour, e-mailed through the outbox. The person asking is
 * always told the same thing (the route does not wait for this), so nobody can learn who has an account.
 */
export async function requestPasswordReset(email: string, ip: string | null, now = new Date()): Promise<ResetRequestOutcome> {
  const allowed = (await perClient.take(ip ?? "-", now.getTime())) && (await perAddress.take(email, now.getTime()));
  if (!allowed) return "throttled";
  const person = await prisma.person.findUnique({ where: { email }, select: { id: true, name: true, email: true, deactivatedAt: true } });
  if (!person || person.deactivatedAt) return "unknown";
  // No password to reset where the domain signs in through its identity provider.
  if ((await passwordPolicyFor(email)).kind === "sso-only") return "password-off";
  const token = generateToken();
  await prisma.$transaction(async (tx) => {
    await tx.invitation.updateMany({ where: { personId: person.id, purpose: "reset", usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
    const id = randomUUID();
    await tx.invitation.create({
      data: { id, tokenHash: hashToken(token), personId: person.id, purpose: "reset", expiresAt: new Date(now.getTime() + RESET_TTL_MS), createdAt: now },
    });
    await notify(
      tx,
      [{ kind: "password_reset", key: `password_reset:${id}`, to: person, urgent: true, content: passwordResetMessage({ link: invitationLink(token) }) }],
      now,
    );
    await recordAudit({ action: "password.reset.requested", actor: person, target: person.email, ip }, tx);
  });
  return "sent";
}
