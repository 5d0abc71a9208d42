/**
 * One notification pass with an injected clock, for tests and for anyone who prefers a system timer:
 *   npm run notify:run -- [--now 2026-12-01T08:00:00Z]
 * Queues what is due at that moment (reminders, digests, escalations), sends what is waiting, prints both.
 */
import { parseArgs } from "node:util";
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
  const { queued, delivered } = await runNotificationPass(now, { owner: values.owner });
  const line = (label: string, t: { app: number; email: number }) => `${label}: ${t.app} in the app, ${t.email} by e-mail`;
  console.log(`Notification pass at ${now.toISOString()}`);
  console.log(`Queued ${line("reminders", queued.reminders)}; ${line("digests", queued.digests)}; ${line("escalations", queued.escalations)}`);
  console.log(`Outbox: ${delivered.sent} sent, ${delivered.retrying} to retry, ${delivered.failed} failed`);
  console.log(JSON.stringify({ now: now.toISOString(), queued, delivered }));
} finally {
  closeMailTransport();
  await prisma.$disconnect();
}
