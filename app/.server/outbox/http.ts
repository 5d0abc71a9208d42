/**
 * HTTP delivery for the outbox's webhook and xAPI channels: one POST with a timeout, every try written down as a
 * DeliveryAttempt, and the answer sorted into sent, retry later or give up.
 */
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { prisma } from "../db";

export type HttpRequest = { url: string; headers: Record<string, string>; body: string };

/** What the other system's answer means for the message. */
export type HttpVerdict = { kind: "sent" } | { kind: "retry"; reason: string; retryAfterMs: number | null } | { kind: "failed"; reason: string };

export type HttpAnswer = { status: number; retryAfter: string | null; body: string };

export const HTTP_TIMEOUT_MS = 10_000;
/** A Retry-After longer than this is not honoured as given: the message waits this long at most. */
const MAX_RETRY_AFTER_MS = 2 * 60 * 60_000;

/** POST a body; resolves with the answer (any status) or rejects when the server cannot be reached in time. */
export function postOnce(request: HttpRequest, options: { timeoutMs: number; lookup?: LookupFunction }): Promise<HttpAnswer> {
  const url = new URL(request.url);
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "Baton", ...request.headers, "content-length": Buffer.byteLength(request.body) },
        lookup: options.lookup,
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (res) => {
        const parts: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          // Only the start of an answer is kept for the delivery log.
          if (size < 2000) parts.push(chunk);
          size += chunk.length;
        });
        res.on("end", () => {
          const retryAfter = res.headers["retry-after"];
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: typeof retryAfter === "string" ? retryAfter : null,
            body: Buffer.concat(parts).toString("utf8").slice(0, 500),
          });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(request.body);
  });
}

/** Seconds or an HTTP date, read at `now`; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: Date): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now.getTime();
  if (!Number.isFinite(ms)) return null;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

/**
 * 2xx is delivered (and `alsoSent`, e.g. the LRS's 409 for a statement it already has); 410 Gone and any other 4xx
 * but 408/429 will not change on a retry; 408, 429 and 5xx may. 429 and 503 may say when to come back.
 */
export function judgeAnswer(answer: HttpAnswer, now: Date, alsoSent: readonly number[] = []): HttpVerdict {
  const { status } = answer;
  if ((status >= 200 && status < 300) || alsoSent.includes(status)) return { kind: "sent" };
  const reason = `HTTP ${status}${answer.body ? `: ${answer.body.slice(0, 200)}` : ""}`;
  if (status === 410) return { kind: "failed", reason: `${reason} (the receiver says it is gone)` };
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) return { kind: "failed", reason };
  const retryAfter = status === 429 || status === 503 ? retryAfterMs(answer.retryAfter, now) : null;
  return { kind: "retry", reason, retryAfterMs: retryAfter };
}

export function describeHttpError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === "TimeoutError" || error.name === "AbortError") return "No answer in time (timed out)";
  const code = (error as Error & { code?: string }).code;
  return (code ? `${code}: ${error.message}` : error.message).slice(0, 500);
}

/** One try: POST, judge the answer and record the attempt (status, error, how long it took). */
export async function tryDelivery(
  messageId: string,
  request: HttpRequest,
  options: { now: Date; timeoutMs: number; lookup?: LookupFunction; alsoSent?: readonly number[] },
): Promise<HttpVerdict> {
  const started = performance.now();
  let verdict: HttpVerdict;
  let statusCode: number | null = null;
  try {
    const answer = await postOnce(request, options);
    statusCode = answer.status;
    verdict = judgeAnswer(answer, options.now, options.alsoSent);
  } catch (error) {
    const reason = describeHttpError(error);
    // A refused address (see webhooks/address-guard.ts) will be refused again: no point retrying.
    verdict = (error as { permanent?: boolean }).permanent ? { kind: "failed", reason } : { kind: "retry", reason, retryAfterMs: null };
  }
  await prisma.deliveryAttempt.create({
    data: {
      messageId,
      at: options.now,
      statusCode,
      error: verdict.kind === "sent" ? null : verdict.reason,
      durationMs: Math.round(performance.now() - started),
    },
  });
  return verdict;
}
