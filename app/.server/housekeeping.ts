/**
 * Rows that only age: expired sessions and trusted devices, and audit events past the organisation's retention.
 * Swept at start and then every hour by each server process (each sweep is an indexed delete; running it in two
 * processes deletes nothing twice).
 */
import { purgeOldAudit } from "./audit/retention";
import { sweepExpiredSessions } from "./auth/session";
import { sweepTrustedDevices } from "./auth/trusted-device";
import { componentLogger } from "./log";

const log = componentLogger("housekeeping");

export async function sweepOldRows(now = new Date()) {
  return {
    sessions: await sweepExpiredSessions(now),
    devices: await sweepTrustedDevices(now),
    auditEvents: await purgeOldAudit(now),
  };
}

export function startHousekeeping(everyMs = 60 * 60 * 1000) {
  const run = () => void sweepOldRows().catch((err) => log.error({ err }, "Sweeping expired sessions, devices and old audit events failed"));
  setTimeout(run, 30_000).unref();
  setInterval(run, everyMs).unref();
}
