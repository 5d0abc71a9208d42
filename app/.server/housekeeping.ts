/**
 * Rows that only age: expired sessions and trusted devices, forgotten sign-in failures and rate-limit events, and
 * audit events past the organisation's retention.
 * Swept soon after start and then every hour by the server process holding the housekeeping lease (the first of
 * several on a machine, docs/decisions/016, and one machine of several, docs/decisions/018).
 */
import { purgeOldAudit } from "./audit/retention";
import { sweepExpiredSessions } from "./auth/session";
import { sweepRateLimitEvents } from "./auth/rate-limit";
import { sweepSignInFailures } from "./auth/throttle";
import { sweepTrustedDevices } from "./auth/trusted-device";
import { sweepSsoAttempts } from "./sso/sign-in";
import { componentLogger } from "./log";
import { withLease } from "./upkeep-lease";

const log = componentLogger("housekeeping");

export async function sweepOldRows(now = new Date()) {
  return {
    sessions: await sweepExpiredSessions(now),
    devices: await sweepTrustedDevices(now),
    signInFailures: await sweepSignInFailures(now),
    rateLimitEvents: await sweepRateLimitEvents(now),
    ssoAttempts: await sweepSsoAttempts(now),
    auditEvents: await purgeOldAudit(now),
  };
}

export function startHousekeeping(everyMs = 60 * 60 * 1000) {
  const run = () =>
    void withLease("housekeeping", 2 * everyMs, () => sweepOldRows()).catch((err) =>
      log.error({ err }, "Sweeping expired sessions, devices, throttle counts and old audit events failed"),
    );
  setTimeout(run, 30_000).unref();
  setInterval(run, everyMs).unref();
}
