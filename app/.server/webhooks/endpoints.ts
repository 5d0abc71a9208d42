/**
 * Webhook endpoints HR sets up: where Baton POSTs signed events (Standard Webhooks), which events, on or off. The
 * signing secret is shown once, on creation and on rotation, and stored sealed (docs/integrations/webhooks.md).
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAudit, type AuditContext } from "../audit/audit";
import { prisma } from "../db";
import { isProduction } from "../env";
import { EVENT_TYPES, isEventType, type WebhookPayload } from "../integrations/events";
import { enqueue } from "../outbox/enqueue";
import { pokeOutbox } from "../outbox/poke";
import { sealSecret } from "../secrets";
import { nonPublicProblem } from "./address-guard";

/** `publicOnly` (default: in production) refuses URLs that resolve to private or local addresses. */
type UrlPolicy = { publicOnly?: boolean };

export const newWebhookSecret = () => `whsec_${randomBytes(24).toString("base64")}`;

const asList = (v: unknown) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]);

export const EndpointSchema = z.object({
  url: z
    .string()
    .trim()
    .min(1, "Enter the URL to send events to.")
    .max(2000, "At most 2000 characters.")
    .refine((u) => /^https?:\/\//i.test(u) && URL.canParse(u), "Enter an http:// or https:// URL."),
  description: z.string().trim().max(200, "At most 200 characters.").default(""),
  events: z.preprocess(
    asList,
    z.array(z.string().refine(isEventType, "Unknown event type.")).min(1, "Choose at least one event.").max(Object.keys(EVENT_TYPES).length),
  ),
});
export type EndpointInput = z.infer<typeof EndpointSchema>;

/** Null when the URL may be used; otherwise what is wrong with it, for the form. */
export async function urlProblem(url: string, policy: UrlPolicy = {}): Promise<string | null> {
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) return "Enter an http:// or https:// URL.";
  const parsed = new URL(url);
  if (parsed.username || parsed.password) return "Leave user and password out of the URL; Baton signs every request instead.";
  return (policy.publicOnly ?? isProduction()) ? nonPublicProblem(parsed) : null;
}

export type SaveOutcome = { kind: "ok"; id: string; secret: string | null } | { kind: "bad-url"; message: string } | { kind: "not-found" };

export async function createEndpoint(input: EndpointInput, ctx: AuditContext, now: Date, policy: UrlPolicy = {}): Promise<SaveOutcome> {
  const problem = await urlProblem(input.url, policy);
  if (problem) return { kind: "bad-url", message: problem };
  const secret = newWebhookSecret();
  const id = await prisma.$transaction(async (tx) => {
    const row = await tx.webhookEndpoint.create({
      data: {
        url: input.url,
        description: input.description || null,
        events: JSON.stringify(input.events),
        secretSealed: sealSecret(secret),
        createdById: ctx.actor.id,
        createdAt: now,
      },
      select: { id: true },
    });
    await recordAudit(
      { action: "integrations.webhook.created", actor: ctx.actor, target: input.url, ip: ctx.ip, details: { id: row.id, events: input.events } },
      tx,
    );
    return row.id;
  });
  return { kind: "ok", id, secret };
}

export async function updateEndpoint(id: string, input: EndpointInput, ctx: AuditContext, policy: UrlPolicy = {}): Promise<SaveOutcome> {
  const problem = await urlProblem(input.url, policy);
  if (problem) return { kind: "bad-url", message: problem };
  return prisma.$transaction(async (tx): Promise<SaveOutcome> => {
    const before = await tx.webhookEndpoint.findUnique({ where: { id }, select: { url: true, description: true, events: true } });
    if (!before) return { kind: "not-found" };
    await tx.webhookEndpoint.update({ where: { id }, data: { url: input.url, description: input.description || null, events: JSON.stringify(input.events) } });
    await recordAudit(
      {
        action: "integrations.webhook.updated",
        actor: ctx.actor,
        target: input.url,
        ip: ctx.ip,
        details: { id, before: { url: before.url, description: before.description, events: JSON.parse(before.events) }, after: input },
      },
      tx,
    );
    return { kind: "ok", id, secret: null };
  });
}

type Simple = { kind: "ok" } | { kind: "not-found" };

export async function setEndpointEnabled(id: string, enabled: boolean, ctx: AuditContext): Promise<Simple> {
  return prisma.$transaction(async (tx): Promise<Simple> => {
    const { count } = await tx.webhookEndpoint.updateMany({ where: { id }, data: { enabled } });
    if (count === 0) return { kind: "not-found" };
    const { url } = await tx.webhookEndpoint.findUniqueOrThrow({ where: { id }, select: { url: true } });
    await recordAudit(
      { action: enabled ? "integrations.webhook.enabled" : "integrations.webhook.disabled", actor: ctx.actor, target: url, ip: ctx.ip, details: { id } },
      tx,
    );
    return { kind: "ok" };
  });
}

/** A new secret, effective for every message sent from now on; returned once. */
export async function rotateSecret(id: string, ctx: AuditContext): Promise<{ kind: "ok"; secret: string } | { kind: "not-found" }> {
  const secret = newWebhookSecret();
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.webhookEndpoint.updateMany({ where: { id }, data: { secretSealed: sealSecret(secret) } });
    if (count === 0) return { kind: "not-found" as const };
    const { url } = await tx.webhookEndpoint.findUniqueOrThrow({ where: { id }, select: { url: true } });
    await recordAudit({ action: "integrations.webhook.secret_rotated", actor: ctx.actor, target: url, ip: ctx.ip, details: { id } }, tx);
    return { kind: "ok" as const, secret };
  });
}

/** Delete the endpoint; what was still waiting for it is marked failed. */
export async function deleteEndpoint(id: string, ctx: AuditContext): Promise<Simple> {
  return prisma.$transaction(async (tx): Promise<Simple> => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { id }, select: { url: true } });
    if (!endpoint) return { kind: "not-found" };
    await tx.outboxMessage.updateMany({
      where: { channel: "webhook", recipient: id, status: "PENDING" },
      data: { status: "FAILED", lastError: "The endpoint was deleted." },
    });
    await tx.webhookEndpoint.delete({ where: { id } });
    await recordAudit({ action: "integrations.webhook.deleted", actor: ctx.actor, target: endpoint.url, ip: ctx.ip, details: { id } }, tx);
    return { kind: "ok" };
  });
}

/** Queue a `webhook.test` event to this endpoint only (even when it is subscribed to nothing else). */
export async function sendTestEvent(id: string, ctx: AuditContext, now: Date): Promise<Simple> {
  const outcome = await prisma.$transaction(async (tx): Promise<Simple> => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { id }, select: { url: true } });
    if (!endpoint) return { kind: "not-found" };
    const eventId = `evt_test_${randomBytes(12).toString("hex")}`;
    const payload: WebhookPayload = {
      webhookId: `msg_${eventId.slice(4)}`,
      body: { type: "webhook.test", timestamp: now.toISOString(), data: { id: eventId, message: "A test event from Baton.", sentBy: ctx.actor.email } },
    };
    await enqueue(
      tx,
      [
        {
          channel: "webhook",
          kind: "webhook.test",
          idempotencyKey: `webhook:${id}:${eventId}`,
          personId: null,
          recipient: id,
          subject: "webhook.test",
          payload,
          availableAt: now,
        },
      ],
      now,
    );
    await recordAudit({ action: "integrations.webhook.tested", actor: ctx.actor, target: endpoint.url, ip: ctx.ip, details: { id, eventId } }, tx);
    return { kind: "ok" };
  });
  if (outcome.kind === "ok") pokeOutbox();
  return outcome;
}
