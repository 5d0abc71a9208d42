import { createHash, randomUUID } from "node:crypto";
import { isProduction } from "../env";
import { publicOnlyLookup } from "../webhooks/address-guard";
import { webhookRequest } from "../webhooks/request";
import { lrsRequest } from "../xapi/request";
import { claimDue, settle, type Claimed } from "./claim";
import { HTTP_TIMEOUT_MS, tryDelivery, type HttpRequest } from "./http";
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
export type DrainOptions = {
  owner?: string;
  now?: () => Date;
  leaseMs?: number;
  maxBatches?: number;
  /** Refuse webhook addresses that resolve to private or local networks (default: in production). */
  publicOnly?: boolean;
  httpTimeoutMs?: number;
};
type HttpOptions = { publicOnly: boolean; timeoutMs: number };

const HTTP_CHANNELS = ["webhook", "xapi"] as const;

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
  // Without SMTP e-mail waits in the queue; webhooks and statements do not depend on it.
  const channels = mailTransport() ? undefined : HTTP_CHANNELS;
  const http: HttpOptions = { publicOnly: options.publicOnly ?? isProduction(), timeoutMs: options.httpTimeoutMs ?? HTTP_TIMEOUT_MS };
  for (let batch = 0; batch < (options.maxBatches ?? Infinity); batch++) {
    const claimed = await claimDue(owner, now(), options.leaseMs ?? LEASE_MS, BATCH, channels);
    if (claimed.length === 0) break;
    const outcomes = await Promise.all(claimed.map((m) => (m.channel === "email" ? sendOne(m, owner, now) : sendHttp(m, owner, now, http))));
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

/** What to POST for a webhook or statement message, or why it cannot be sent at all. */
async function httpRequestFor(message: Claimed, options: HttpOptions): Promise<{ request: HttpRequest; alsoSent?: number[] } | { problem: string }> {
  if (message.channel === "webhook") return webhookRequest(message, options);
  if (message.channel === "xapi") return lrsRequest(message);
  return { problem: `Unknown channel ${message.channel}` };
}

async function sendHttp(message: Claimed, owner: string, now: () => Date, options: HttpOptions): Promise<keyof DrainResult> {
  const prepared = await httpRequestFor(message, options);
  if ("problem" in prepared) {
    await settle(message.id, owner, { status: "FAILED", lastError: prepared.problem });
    return "failed";
  }
  const verdict = await tryDelivery(message.id, prepared.request, {
    now: now(),
    timeoutMs: options.timeoutMs,
    lookup: message.channel === "webhook" && options.publicOnly ? publicOnlyLookup : undefined,
    alsoSent: prepared.alsoSent,
  });
  if (verdict.kind === "sent") {
    await settle(message.id, owner, { status: "SENT", sentAt: now(), lastError: null });
    return "sent";
  }
  if (verdict.kind === "failed" || message.attempts >= MAX_ATTEMPTS) {
    await settle(message.id, owner, { status: "FAILED", lastError: verdict.reason });
    return "failed";
  }
  const wait = verdict.retryAfterMs ?? backoffAfter(message.attempts);
  await settle(message.id, owner, { status: "PENDING", lastError: verdict.reason, availableAt: new Date(now().getTime() + wait) });
  return "retrying";
}
