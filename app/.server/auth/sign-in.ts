import { z } from "zod";
import { recordAudit } from "../audit/audit";
import { prisma } from "../db";
import { verifyAgainstDecoy, verifyPassword } from "./password";
import { createSession } from "./session";
import { accountThrottle, ipThrottle } from "./throttle";

export const SignInSchema = z.object({
  email: z.string({ required_error: "Enter your email." }).trim().toLowerCase().email("Enter a valid email address."),
  password: z.string({ required_error: "Enter your password." }).min(1, "Enter your password.").max(1024),
});

export type SignInResult =
  | { ok: true; token: string; person: { id: string; email: string; role: "LEARNER" | "MANAGER" | "HR" } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/** One message for unknown email and wrong password, and the same scrypt cost for both. */
export const INVALID_CREDENTIALS = "That email and password do not match an active account.";

export async function signIn(input: { email: string; password: string; ip: string | null }, now = Date.now()): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const ipKey = input.ip ?? "unknown";
  const wait = Math.max(accountThrottle.waitMs(email, now), ipThrottle.waitMs(ipKey, now));
  if (wait > 0) {
    await recordAudit({ action: "sign_in.throttled", target: email, ip: input.ip, details: { waitMs: wait } });
    return { ok: false, reason: "throttled", retryAfterSeconds: Math.ceil(wait / 1000) };
  }

  const person = await prisma.person.findUnique({
    where: { email },
    select: { id: true, email: true, role: true, passwordHash: true, deactivatedAt: true },
  });
  const usable = person && person.passwordHash && !person.deactivatedAt ? person : null;
  const matches = usable?.passwordHash
    ? await verifyPassword(input.password, usable.passwordHash)
    : await verifyAgainstDecoy(input.password);

  if (!usable || !matches) {
    accountThrottle.recordFailure(email, now);
    ipThrottle.recordFailure(ipKey, now);
    await recordAudit({
      action: "sign_in.failed",
      actor: person ? { id: person.id, email: person.email } : null,
      target: email,
      ip: input.ip,
      details: { reason: !person ? "unknown_email" : person.deactivatedAt ? "deactivated" : !person.passwordHash ? "no_password" : "wrong_password" },
    });
    return { ok: false, reason: "invalid" };
  }

  accountThrottle.reset(email);
  const { token } = await createSession(usable.id, new Date(now));
  await recordAudit({ action: "sign_in", actor: usable, target: usable.email, ip: input.ip });
  return { ok: true, token, person: { id: usable.id, email: usable.email, role: usable.role } };
}
