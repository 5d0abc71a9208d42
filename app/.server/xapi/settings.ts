/**
 * The learning record store Baton sends xAPI statements to: its endpoint, key and secret on the organisation's
 * settings row (the secret sealed, never shown again). Without an endpoint no statement is queued.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { recordAudit, type AuditContext } from "../audit/audit";
import { prisma } from "../db";
import { publicOrigin } from "../notifications/notify";
import { orgSettings } from "../notifications/settings";
import { enqueue } from "../outbox/enqueue";
import { pokeOutbox } from "../outbox/poke";
import { openSecret, sealSecret } from "../secrets";
import { testStatement } from "./statements";

/** What the delivery needs, or null when no LRS is set up. */
export async function lrsConnection() {
  const row = await prisma.orgSettings.findUnique({ where: { id: 1 }, select: { lrsEndpoint: true, lrsUsername: true, lrsSecretSealed: true } });
  if (!row?.lrsEndpoint) return null;
  return { endpoint: row.lrsEndpoint, username: row.lrsUsername ?? "", secret: row.lrsSecretSealed ? openSecret(row.lrsSecretSealed) : "" };
}

/** HR's view: the endpoint and key, whether a secret is stored, and the latest statements with their state. */
export async function lrsSettingsView() {
  await orgSettings();
  const row = await prisma.orgSettings.findUniqueOrThrow({ where: { id: 1 }, select: { lrsEndpoint: true, lrsUsername: true, lrsSecretSealed: true } });
  const recent = await prisma.outboxMessage.findMany({
    where: { channel: "xapi" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 20,
    select: { id: true, subject: true, status: true, attempts: true, lastError: true, createdAt: true, sentAt: true },
  });
  return { endpoint: row.lrsEndpoint ?? "", username: row.lrsUsername ?? "", hasSecret: Boolean(row.lrsSecretSealed), recent };
}

const httpUrl = z
  .string()
  .trim()
  .url("Enter the LRS's xAPI endpoint, e.g. https://lrs.example.com/xapi")
  .refine((u) => /^https?:\/\//i.test(u), "The endpoint must start with http:// or https://");

/** Blank endpoint turns statements off; a blank secret keeps the stored one. */
export const LrsSettingsSchema = z.object({
  endpoint: z.union([z.literal(""), httpUrl]),
  username: z.string().trim().max(500, "At most 500 characters."),
  secret: z.string().max(2000, "At most 2000 characters."),
});

export async function updateLrsSettings(input: z.infer<typeof LrsSettingsSchema>, ctx: AuditContext): Promise<{ kind: "ok" } | { kind: "secret-required" }> {
  await orgSettings();
  return prisma.$transaction(async (tx) => {
    const before = await tx.orgSettings.findUniqueOrThrow({ where: { id: 1 }, select: { lrsEndpoint: true, lrsUsername: true, lrsSecretSealed: true } });
    if (!input.endpoint) {
      await tx.orgSettings.update({ where: { id: 1 }, data: { lrsEndpoint: null, lrsUsername: null, lrsSecretSealed: null } });
      await recordAudit(
        { action: "integrations.xapi.removed", actor: ctx.actor, target: "organisation", ip: ctx.ip, details: { endpoint: before.lrsEndpoint } },
        tx,
      );
      return { kind: "ok" };
    }
    if (!input.secret && !before.lrsSecretSealed) return { kind: "secret-required" };
    await tx.orgSettings.update({
      where: { id: 1 },
      data: { lrsEndpoint: input.endpoint, lrsUsername: input.username, ...(input.secret ? { lrsSecretSealed: sealSecret(input.secret) } : {}) },
    });
    await recordAudit(
      {
        action: "integrations.xapi.updated",
        actor: ctx.actor,
        target: "organisation",
        ip: ctx.ip,
        details: {
          before: { endpoint: before.lrsEndpoint, username: before.lrsUsername },
          after: { endpoint: input.endpoint, username: input.username },
          secretChanged: Boolean(input.secret),
        },
      },
      tx,
    );
    return { kind: "ok" };
  });
}

/** Queue one statement about the HR person to the LRS; its result shows in the list of recent statements. */
export async function sendTestStatement(ctx: AuditContext, now: Date): Promise<{ kind: "ok" } | { kind: "not-configured" }> {
  const outcome = await prisma.$transaction(async (tx) => {
    const row = await tx.orgSettings.findUnique({ where: { id: 1 }, select: { lrsEndpoint: true } });
    if (!row?.lrsEndpoint) return { kind: "not-configured" as const };
    const testId = randomUUID();
    const statement = testStatement(ctx.actor.id, testId, now, publicOrigin());
    await enqueue(
      tx,
      [
        {
          channel: "xapi",
          kind: "xapi:test",
          idempotencyKey: `xapi:test:${testId}`,
          personId: ctx.actor.id,
          recipient: "lrs",
          subject: "Test statement",
          payload: statement,
          availableAt: now,
        },
      ],
      now,
    );
    await recordAudit(
      { action: "integrations.xapi.tested", actor: ctx.actor, target: row.lrsEndpoint, ip: ctx.ip, details: { statementId: statement.id } },
      tx,
    );
    return { kind: "ok" as const };
  });
  if (outcome.kind === "ok") pokeOutbox();
  return outcome;
}
