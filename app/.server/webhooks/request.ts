import { Webhook } from "standardwebhooks";
import { prisma } from "../db";
import type { WebhookPayload } from "../integrations/events";
import type { Claimed } from "../outbox/claim";
import type { HttpRequest } from "../outbox/http";
import { openSecret } from "../secrets";
import { nonPublicProblem } from "./address-guard";

/**
 * The signed POST for one webhook message (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature),
 * signed at the moment of sending so the receiver's timestamp check passes on a late retry too.
 */
export async function webhookRequest(message: Claimed, options: { publicOnly: boolean }): Promise<{ request: HttpRequest } | { problem: string }> {
  const endpoint = await prisma.webhookEndpoint.findUnique({ where: { id: message.recipient }, select: { url: true, secretSealed: true, enabled: true } });
  if (!endpoint) return { problem: "The endpoint was deleted." };
  if (!endpoint.enabled) return { problem: "The endpoint is disabled; enable it and retry." };
  const url = new URL(endpoint.url);
  // Names are checked again as the connection is made (address-guard's lookup); this catches literal addresses.
  if (options.publicOnly) {
    const problem = await nonPublicProblem(url);
    if (problem) return { problem };
  }
  const { webhookId, body } = JSON.parse(message.payload) as WebhookPayload;
  const text = JSON.stringify(body);
  const at = new Date();
  const signature = new Webhook(openSecret(endpoint.secretSealed)).sign(webhookId, at, text);
  return {
    request: {
      url: endpoint.url,
      headers: { "webhook-id": webhookId, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": signature },
      body: text,
    },
  };
}
