/**
 * One notification pass with an injected clock, for tests and for anyone who prefers a system timer:
 *   npm run notify:run -- [--now 2026-12-01T08:00:00Z]
 * Opens the certificate renewals due at that moment, queues what is due (reminders, digests, escalations), sends
 * what is waiting, prints all three.
 */
import { parseArgs } from "node:util";
import { openDueRenewals } from "../app/.server/certificates/renewal";
import { prisma } from "../app/.server/db";
import { closeMailTransport } from "../app/.server/outbox/transport";
import { runNotificationPass } from "../app/.server/outbox/worker";

const { values } = parseArgs({ options: { now: { type: "string" }, owner: { type: "string" } } });
const now = values.now ? new Date(values.now) : new Date();
if (Number.isNaN(now.getTime())) {
  console.error(`--now: not a date-time: ${values.now} (use e.g. 2026-12-01T08:00:00Z)`);
  process.exit(2);
}

try {
  // Renewals first: their notifications then go out in this same pass.
  const renewals = await openDueRenewals(now);
  const { queued, delivered } = await runNotificationPass(now, { owner: values.owner });
  const line = (label: string, t: { app: number; email: number }) => `${label}: ${t.app} in the app, ${t.email} by e-mail`;
  console.log(`Notification pass at ${now.toISOString()}`);
  console.log(`Renewals opened: ${renewals.opened} (${renewals.lessons} lessons re-opened)`);
  console.log(`Queued ${line("reminders", queued.reminders)}; ${line("digests", queued.digests)}; ${line("escalations", queued.escalations)}`);
  console.log(`Outbox: ${delivered.sent} sent, ${delivered.retrying} to retry, ${delivered.failed} failed`);
  console.log(JSON.stringify({ now: now.toISOString(), renewals, queued, delivered }));
} finally {
  closeMailTransport();
  await prisma.$disconnect();
}
