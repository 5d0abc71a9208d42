import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import { isNotificationKind, NOTIFICATION_KINDS } from "~/utils/notification-kinds";
import { OUTBOX_FILTERS, type OutboxFilter } from "~/utils/outbox-filters";
import { recordAudit } from "../audit/audit";
import { prisma } from "../db";
import { pokeOutbox } from "./poke";

export const OUTBOX_PAGE_SIZE = 50;

/** The Outbox page's query string; anything unreadable falls back to the first page of everything. */
export const OutboxQuerySchema = z.object({
  status: z.enum(OUTBOX_FILTERS).default("all").catch("all"),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});

// "Waiting" includes messages a worker holds right now: to HR both are simply not sent yet.
const whereFor: Record<OutboxFilter, Prisma.OutboxMessageWhereInput> = {
  all: {},
  pending: { status: { in: ["PENDING", "SENDING"] } },
  failed: { status: "FAILED" },
  sent: { status: "SENT" },
};

export type RetryContext = { actor: { id: string; email: string }; ip: string | null; now: Date };
export type RetryOutcome = { kind: "ok" } | { kind: "not-found" } | { kind: "not-failed" };

const kindLabel = (kind: string) => (isNotificationKind(kind) ? NOTIFICATION_KINDS[kind].label : kind);

/** Counts per tab, in one grouped query. */
async function outboxCounts(): Promise<Record<OutboxFilter, number>> {
  const groups = await prisma.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } });
  const of = (status: string) => groups.find((g) => g.status === status)?._count._all ?? 0;
  return {
    all: groups.reduce((sum, g) => sum + g._count._all, 0),
    pending: of("PENDING") + of("SENDING"),
    failed: of("FAILED"),
    sent: of("SENT"),
  };
}

/** HR's view of the outbox: one page of messages under a status filter, newest first, and the count of each status. */
export async function outboxPage({ status, page }: { status: OutboxFilter; page: number }) {
  const counts = await outboxCounts();
  const pages = Math.max(1, Math.ceil(counts[status] / OUTBOX_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const rows = await prisma.outboxMessage.findMany({
    where: whereFor[status],
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (current - 1) * OUTBOX_PAGE_SIZE,
    take: OUTBOX_PAGE_SIZE,
    select: {
      id: true,
      channel: true,
      kind: true,
      recipient: true,
      subject: true,
      status: true,
      attempts: true,
      availableAt: true,
      sentAt: true,
      lastError: true,
      createdAt: true,
      person: { select: { name: true } },
    },
  });
  // A webhook message names its endpoint by id: HR reads the URL.
  const endpointIds = [...new Set(rows.filter((r) => r.channel === "webhook").map((r) => r.recipient))];
  const endpoints = endpointIds.length ? await prisma.webhookEndpoint.findMany({ where: { id: { in: endpointIds } }, select: { id: true, url: true } }) : [];
  const endpointUrls = new Map(endpoints.map((e) => [e.id, e.url]));
  return {
    status,
    counts,
    page: current,
    pages,
    pageSize: OUTBOX_PAGE_SIZE,
    rows: rows.map(({ person, ...row }) => ({
      ...row,
      personName: person?.name ?? null,
      kindLabel: kindLabel(row.kind),
      recipient: recipientLabel(row, endpointUrls),
    })),
  };
}

// Back in the queue from scratch; the last error stays visible until the next attempt replaces or clears it.
const requeue = (now: Date) =>
  ({ status: "PENDING", attempts: 0, availableAt: now, leaseOwner: null, leaseUntil: null }) satisfies Prisma.OutboxMessageUpdateManyMutationInput;

/** Put one failed message back in the queue. */
export async function retryMessage(id: string, ctx: RetryContext): Promise<RetryOutcome> {
  const outcome = await prisma.$transaction(async (tx): Promise<RetryOutcome> => {
    const message = await tx.outboxMessage.findUnique({
      where: { id },
      select: { status: true, recipient: true, kind: true, attempts: true, lastError: true },
    });
    if (!message) return { kind: "not-found" };
    // Guarded by status too: two HR people clicking Retry at once requeue it once.
    const { count } = await tx.outboxMessage.updateMany({ where: { id, status: "FAILED" }, data: requeue(ctx.now) });
    if (count === 0) return { kind: "not-failed" };
    await recordAudit(
      {
        action: "outbox.retried",
        actor: ctx.actor,
        target: message.recipient,
        ip: ctx.ip,
        details: { id, kind: message.kind, attempts: message.attempts, lastError: message.lastError },
      },
      tx,
    );
    return { kind: "ok" };
  });
  if (outcome.kind === "ok") pokeOutbox();
  return outcome;
}

/** Put every failed message back in the queue, in one transaction; returns how many. */
export async function retryAllFailed(ctx: RetryContext): Promise<number> {
  const count = await prisma.$transaction(async (tx) => {
    const { count } = await tx.outboxMessage.updateMany({ where: { status: "FAILED" }, data: requeue(ctx.now) });
    if (count > 0) await recordAudit({ action: "outbox.retried", actor: ctx.actor, target: "all failed", ip: ctx.ip, details: { count } }, tx);
    return count;
  });
  if (count > 0) pokeOutbox();
  return count;
}

function recipientLabel(row: { channel: string; recipient: string }, endpointUrls: Map<string, string>): string {
  if (row.channel === "webhook") return `Webhook: ${endpointUrls.get(row.recipient) ?? "a removed endpoint"}`;
  if (row.channel === "xapi") return "Learning record store (xAPI)";
  return row.recipient;
}
