import { createHash, randomUUID } from "node:crypto";
import { claimDue, settle, type Claimed } from "./claim";
import { describeSmtpError, isPermanent, mailTransport, noteDelivery, senderAddress } from "./transport";

/** After this many attempts a message is marked failed with the last error (HR can retry it from the Outbox page). */
export const MAX_ATTEMPTS = 5;
/** A worker that holds a message longer than this is presumed dead, and another worker takes the message over. */
export const LEASE_MS = 2 * 60 * 1000;
const BATCH = 50;
/** Wait before attempt 2, 3, 4, 5. */
const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 60 * 60_000];

export const backoffAfter = (attempts: number) => BACKOFF_MS[Math.min(attempts - 1, BACKOFF_MS.length - 1)]!;

export type DrainResult = { sent: number; retrying: number; failed: number };
export type DrainOptions = { owner?: string; now?: () => Date; leaseMs?: number; maxBatches?: number };

/** This process's name as a lease owner. */
const workerName = `${process.pid}-${randomUUID().slice(0, 8)}`;

/**
 * Send everything that is due, a batch at a time. Each message is leased before it is sent and settled by the
 * same worker after; see docs/decisions/011 for what happens when a worker dies in between.
 */
export async function drainOutbox(options: DrainOptions = {}): Promise<DrainResult> {
  const owner = options.owner ?? workerName;
  const now = options.now ?? (() => new Date());
  const result: DrainResult = { sent: 0, retrying: 0, failed: 0 };
  const transport = mailTransport();
  if (!transport) return result;
  for (let batch = 0; batch < (options.maxBatches ?? Infinity); batch++) {
    const claimed = await claimDue(owner, now(), options.leaseMs ?? LEASE_MS, BATCH);
    if (claimed.length === 0) break;
    const outcomes = await Promise.all(claimed.map((m) => sendOne(m, owner, now)));
    for (const o of outcomes) result[o]++;
  }
  return result;
}

async function sendOne(message: Claimed, owner: string, now: () => Date): Promise<keyof DrainResult> {
  const transport = mailTransport()!;
  const payload = JSON.parse(message.payload) as { text: string; html: string; headers: Record<string, string> };
  try {
    await transport.sendMail({
      from: senderAddress(),
      to: message.recipient,
      subject: message.subject,
      text: payload.text,
      html: payload.html,
      headers: payload.headers,
      // The same reason always has the same Message-ID, so a receiving system can drop a rare second copy.
      messageId: `<${createHash("sha256").update(message.idempotencyKey).digest("hex").slice(0, 40)}@baton>`,
    });
    noteDelivery(true, null, now());
    // The body may hold a one-time link: it is not kept once delivered.
    await settle(message.id, owner, { status: "SENT", sentAt: now(), payload: "{}", lastError: null });
    return "sent";
  } catch (error) {
    const reason = describeSmtpError(error);
    const permanent = isPermanent(error);
    if (!permanent) noteDelivery(false, reason, now());
    if (permanent || message.attempts >= MAX_ATTEMPTS) {
      await settle(message.id, owner, { status: "FAILED", lastError: reason });
      return "failed";
    }
    await settle(message.id, owner, { status: "PENDING", lastError: reason, availableAt: new Date(now().getTime() + backoffAfter(message.attempts)) });
    return "retrying";
  }
}
