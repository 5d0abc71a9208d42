/** HR's view of webhook endpoints and what was sent to each (the delivery log), and retrying one delivery. */
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "../db";
import { EVENT_TYPES } from "../integrations/events";
import { retryMessage, type RetryContext, type RetryOutcome } from "../outbox/admin";

export const LOG_PAGE_SIZE = 25;

/** Every endpoint with its subscriptions and how its deliveries stand (one grouped query for the counts). */
export async function listEndpoints() {
  const endpoints = await prisma.webhookEndpoint.findMany({
    orderBy: { createdAt: "asc" },
    select: { id: true, url: true, description: true, events: true, enabled: true, createdAt: true },
  });
  const groups = await prisma.outboxMessage.groupBy({ by: ["recipient", "status"], where: { channel: "webhook" }, _count: { _all: true } });
  const count = (id: string, status: string) => groups.find((g) => g.recipient === id && g.status === status)?._count._all ?? 0;
  return endpoints.map((e) => ({
    ...e,
    events: JSON.parse(e.events) as string[],
    sent: count(e.id, "SENT"),
    waiting: count(e.id, "PENDING") + count(e.id, "SENDING"),
    failed: count(e.id, "FAILED"),
  }));
}

/** One endpoint, a page of its messages newest first, each with its attempts. */
export async function endpointDetail(id: string, page = 1) {
  const endpoint = await prisma.webhookEndpoint.findUnique({
    where: { id },
    select: { id: true, url: true, description: true, events: true, enabled: true, createdAt: true, updatedAt: true },
  });
  if (!endpoint) return null;
  const where: Prisma.OutboxMessageWhereInput = { channel: "webhook", recipient: id };
  const total = await prisma.outboxMessage.count({ where });
  const pages = Math.max(1, Math.ceil(total / LOG_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const messages = await prisma.outboxMessage.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (current - 1) * LOG_PAGE_SIZE,
    take: LOG_PAGE_SIZE,
    select: {
      id: true,
      kind: true,
      status: true,
      attempts: true,
      availableAt: true,
      sentAt: true,
      lastError: true,
      createdAt: true,
      deliveryAttempts: { orderBy: { at: "asc" }, select: { id: true, at: true, statusCode: true, error: true, durationMs: true } },
    },
  });
  return { endpoint: { ...endpoint, events: JSON.parse(endpoint.events) as string[] }, messages, page: current, pages, total, eventTypes: EVENT_TYPES };
}

/** Put one failed delivery to this endpoint back in the queue (attempts start again), as the Outbox page does. */
export async function retryDelivery(endpointId: string, messageId: string, ctx: RetryContext): Promise<RetryOutcome> {
  const message = await prisma.outboxMessage.findFirst({ where: { id: messageId, channel: "webhook", recipient: endpointId }, select: { id: true } });
  if (!message) return { kind: "not-found" };
  return retryMessage(message.id, ctx);
}
