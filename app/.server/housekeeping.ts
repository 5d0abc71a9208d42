/**
 * Rows that only age: expired sessions and trusted devices, and audit events past the organisation's retention.
 * Swept at start and then every hour by each server process (each sweep is an indexed delete; running it in two
 * processes deletes nothing twice).
 */
import { purgeOldAudit } from "./audit/retention";
import { sweepExpiredSessions } from "./auth/session";
import { sweepTrustedDevices } from "./auth/trusted-device";

export async function sweepOldRows(now = new Date()) {
  return {
    sessions: await sweepExpiredSessions(now),
    devices: await sweepTrustedDevices(now),
    auditEvents: await purgeOldAudit(now),
  };
}

export function startHousekeeping(everyMs = 60 * 60 * 1000) {
  const run = () => void sweepOldRows().catch((error) => console.error("[housekeeping] failed", error));
  setTimeout(run, 30_000).unref();
  setInterval(run, everyMs).unref();
}
