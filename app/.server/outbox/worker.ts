/**
 * The worker inside every server process: each minute it queues what time has made due (reminders, digests,
 * escalations; in the first process only when there are several) and sends what is waiting in the outbox.
 * No cron: `npm run notify:run` does one pass by hand.
 */
import { componentLogger } from "../log";
import { localParts } from "../notifications/local-time";
import { queueDueReminders, queueEscalations, queueManagerDigests, queueScheduled, type ScheduleResult } from "../notifications/schedule";
import { orgSettings } from "../notifications/settings";
import { drainOutbox, type DrainResult } from "./deliver";
import { holdLease } from "../upkeep-lease";
import { onOutboxPoke } from "./poke";
import { mailConfigured, verifyMailTransport } from "./transport";

export type PassResult = { queued: ScheduleResult; delivered: DrainResult };

/** One full pass at `now`: what time made due, then the outbox. */
export async function runNotificationPass(now: Date, options: { owner?: string; leaseMs?: number } = {}): Promise<PassResult> {
  const queued = await queueScheduled(now);
  const delivered = await drainOutbox({ owner: options.owner, leaseMs: options.leaseMs, now: () => now });
  return { queued, delivered };
}

const log = componentLogger("notifications");
let started = false;
const ESCALATION_EVERY_MS = 10 * 60_000;

/** `schedule: false` only sends: with several server processes one of them queues what time made due. */
export function startNotificationWorker({ everyMs = 60_000, schedule = true }: { everyMs?: number; schedule?: boolean } = {}) {
  if (started) return;
  started = true;
  let running: Promise<unknown> | null = null;
  let drainAgain = false;
  const guard = (label: string, work: () => Promise<unknown>) => {
    if (running) {
      drainAgain = true;
      return;
    }
    running = work()
      .catch((err) => log.error({ err }, `The notification ${label} failed`))
      .finally(() => {
        running = null;
        if (drainAgain) {
          drainAgain = false;
          guard("sending", () => drainOutbox());
        }
      });
  };
  // Reminders and digests are looked for once per local day (the first pass of the day, or after a start),
  // escalations every 10 minutes: reading everyone's courses each minute would cost a large organisation dearly.
  let dailyDoneFor: string | null = null;
  let escalatedAt = 0;
  const pass = () =>
    guard("pass", async () => {
      // Queueing what time made due is one process's job across every server (docs/decisions/018); sending is everyone's.
      if (!schedule || !(await holdLease("notification-schedule", 5 * everyMs))) return drainOutbox();
      const now = new Date();
      const settings = await orgSettings();
      const today = localParts(now, settings.timeZone).day;
      if (today !== dailyDoneFor) {
        await queueDueReminders(now, settings);
        await queueManagerDigests(now, settings);
        dailyDoneFor = today;
      }
      if (now.getTime() - escalatedAt >= ESCALATION_EVERY_MS) {
        await queueEscalations(now, settings);
        escalatedAt = now.getTime();
      }
      await drainOutbox();
    });
  onOutboxPoke(() => guard("sending", () => drainOutbox()));
  if (mailConfigured()) {
    void verifyMailTransport().then((status) => {
      if (status.configured && !status.ok)
        log.error({ smtpHost: status.host }, `E-mail is set up but the SMTP server refused: ${status.error}. Messages wait in the outbox (HR → Outbox).`);
      else if (status.configured) log.info(`E-mail via ${status.host} as ${status.from}`);
    });
  } else {
    log.info("E-mail is off (SMTP_URL is not set): notifications appear in the app only.");
  }
  setTimeout(pass, 5_000).unref();
  setInterval(pass, everyMs).unref();
}
