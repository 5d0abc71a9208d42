import nodemailer, { type Transporter } from "nodemailer";
import { getEnv } from "../env";

/**
 * The SMTP connection, when SMTP_URL is set. A wrong setting never fails a user's request: messages wait in
 * the outbox, the problem is logged at start-up and shown on HR's Outbox page.
 */
export type MailStatus =
  { configured: false } | { configured: true; host: string; from: string; ok: boolean | null; error: string | null; checkedAt: Date | null };

let transporter: Transporter | null = null;
let transporterFor = "";
let lastCheck: { ok: boolean; error: string | null; at: Date } | null = null;

export const mailConfigured = () => Boolean(getEnv().SMTP_URL);

export function senderAddress(): string {
  const env = getEnv();
  if (env.SMTP_FROM) return env.SMTP_FROM;
  const host = env.BATON_ORIGIN ? new URL(env.BATON_ORIGIN).hostname : "localhost";
  return `Baton <baton@${host}>`;
}

/** The pooled transport for the current SMTP_URL (a new URL, e.g. in tests, gets a new pool). */
export function mailTransport(): Transporter | null {
  const url = getEnv().SMTP_URL;
  if (!url) return null;
  if (!transporter || transporterFor !== url) {
    transporter?.close();
    transporter = nodemailer.createTransport(url.includes("pool=") ? url : ({ url, pool: true, maxConnections: 5, maxMessages: 500 } as never));
    transporterFor = url;
    lastCheck = null;
  }
  return transporter;
}

/** Close the pool's connections (a one-off script would otherwise keep running). */
export function closeMailTransport() {
  transporter?.close();
  transporter = null;
  transporterFor = "";
}

/** Connect and authenticate once, so a wrong setting shows before the first message fails. */
export async function verifyMailTransport(now = new Date()): Promise<MailStatus> {
  const transport = mailTransport();
  if (!transport) return { configured: false };
  try {
    await transport.verify();
    lastCheck = { ok: true, error: null, at: now };
  } catch (error) {
    lastCheck = { ok: false, error: describeSmtpError(error), at: now };
  }
  return mailStatus();
}

/** A send that failed also tells us the setting is wrong (or right again). */
export function noteDelivery(ok: boolean, error: string | null, now = new Date()) {
  lastCheck = { ok, error, at: now };
}

export function mailStatus(): MailStatus {
  const url = getEnv().SMTP_URL;
  if (!url) return { configured: false };
  return {
    configured: true,
    host: safeHost(url),
    from: senderAddress(),
    ok: lastCheck?.ok ?? null,
    error: lastCheck?.error ?? null,
    checkedAt: lastCheck?.at ?? null,
  };
}

function safeHost(url: string) {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ""}`;
}

export function describeSmtpError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const e = error as Error & { code?: string; responseCode?: number; response?: string };
  const parts = [e.responseCode ? `SMTP ${e.responseCode}` : e.code, e.response ?? e.message].filter(Boolean);
  return parts.join(": ").slice(0, 500);
}

/** 5xx answers are permanent (a bad address, a refused message); everything else may pass on a retry. */
export function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: number })?.responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}
