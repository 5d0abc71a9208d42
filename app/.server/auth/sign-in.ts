import { z } from "zod";
import { recordAudit } from "../audit/audit";
import { recordRepeatedAudit } from "../audit/repeated";
import { prisma } from "../db";
import { passwordPolicyFor } from "../sso/password-policy";
import { verifyAgainstDecoy, verifyPassword } from "./password";
import { createSession } from "./session";
import { accountThrottle, deviceThrottle, ipThrottle } from "./throttle";
import { findTrustedDevice, trustDevice } from "./trusted-device";

export const SignInSchema = z.object({
  email: z.string({ required_error: "Enter your email." }).trim().toLowerCase().email("Enter a valid email address."),
  password: z.string({ required_error: "Enter your password." }).min(1, "Enter your password.").max(1024),
});

export type SignInResult =
  | { ok: true; token: string; deviceToken: string; person: { id: string; email: string; role: "LEARNER" | "MANAGER" | "HR" } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number }
  | { ok: false; reason: "sso-only"; providerName: string };

/** One message for unknown email and wrong password, and the same scrypt cost for both. */
export const INVALID_CREDENTIALS = "That email and password do not match an active account.";

/**
 * Checks a password under three throttles (docs/decisions/013): the client's IP always; the account unless the
 * browser's device cookie is trusted for this very account; that device's own limit when it is. On success
 * returns a session token and a fresh device token for the two cookies.
 */
export async function signIn(
  input: { email: string; password: string; ip: string | null; deviceToken?: string | null; userAgent?: string | null },
  now = Date.now(),
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const ipKey = input.ip ?? "unknown";
  const at = new Date(now);
  const [person, device] = await Promise.all([
    prisma.person.findUnique({
      where: { email },
      select: { id: true, email: true, role: true, passwordHash: true, deactivatedAt: true },
    }),
    findTrustedDevice(input.deviceToken ?? null, at),
  ]);
  const usable = person && person.passwordHash && !person.deactivatedAt ? person : null;
  // Another person's device cookie, or one locked by its own failures, counts for nothing here.
  const ownDevice = usable && device?.personId === usable.id ? device : null;
  const trusted = ownDevice !== null && (await deviceThrottle.waitMs(ownDevice.id, now)) === 0;

  const [accountWait, ipWait] = await Promise.all([trusted ? 0 : accountThrottle.waitMs(email, now), ipThrottle.waitMs(ipKey, now)]);
  const wait = Math.max(accountWait, ipWait);
  if (wait > 0) {
    await recordRepeatedAudit(
      { action: "sign_in.throttled", target: email, subjectId: person?.id ?? null, ip: input.ip, details: { throttle: accountWait > 0 ? "account" : "ip" } },
      { by: accountWait > 0 ? "target" : "ip", now: at },
    );
    return { ok: false, reason: "throttled", retryAfterSeconds: Math.ceil(wait / 1000) };
  }

  // A domain that signs in through its identity provider refuses passwords, break-glass HR aside (docs/integrations/sso.md).
  const policy = await passwordPolicyFor(email);
  if (policy.kind === "sso-only") {
    await recordRepeatedAudit(
      {
        action: "sign_in.refused",
        target: email,
        subjectId: person?.id ?? null,
        ip: input.ip,
        details: { reason: "password_off", provider: policy.providerName },
      },
      { by: "target", now: at },
    );
    return { ok: false, reason: "sso-only", providerName: policy.providerName };
  }

  const matches = usable?.passwordHash ? await verifyPassword(input.password, usable.passwordHash) : await verifyAgainstDecoy(input.password);

  if (!usable || !matches) {
    await ipThrottle.recordFailure(ipKey, now);
    // A trusted device's mistakes are its own: they never slow the account down for anyone else.
    if (trusted) await deviceThrottle.recordFailure(ownDevice.id, now);
    else await accountThrottle.recordFailure(email, now);
    await recordRepeatedAudit(
      {
        action: "sign_in.failed",
        actor: person ? { id: person.id, email: person.email } : null,
        subjectId: person?.id ?? null,
        target: email,
        ip: input.ip,
        details: { reason: !person ? "unknown_email" : person.deactivatedAt ? "deactivated" : !person.passwordHash ? "no_password" : "wrong_password" },
      },
      { by: "target", now: at },
    );
    return { ok: false, reason: "invalid" };
  }

  // The account's count is not forgiven: a success here says nothing about the other clients failing on it.
  if (ownDevice) await deviceThrottle.reset(ownDevice.id);
  const { token } = await createSession(usable.id, at, { userAgent: input.userAgent, ip: input.ip });
  const deviceToken = await trustDevice(usable.id, at, ownDevice);
  await recordAudit({ action: "sign_in", actor: usable, target: usable.email, ip: input.ip, details: { device: trusted ? "trusted" : "untrusted" } });
  return { ok: true, token, deviceToken, person: { id: usable.id, email: usable.email, role: usable.role } };
}
