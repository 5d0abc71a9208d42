/**
 * API tokens HR creates for the JSON API (READ, READ_WRITE) and SCIM provisioning (SCIM). Only the token's
 * SHA-256 and its first characters are stored: the token itself is shown once, when it is created.
 */
import { z } from "zod";
import { ApiTokenScope } from "~/generated/prisma/enums";
import { recordAudit, type AuditContext } from "../audit/audit";
import { generateToken, hashToken } from "../auth/token";
import { prisma } from "../db";
import { emptyToUndefined } from "../forms/parse";

const DAY_MS = 86_400_000;
/** Every token starts so, which lets secret scanners (and people) recognise one that leaked. */
const TOKEN_PREFIX = "baton_";
/** Enough of the token to tell tokens apart in a list, far too little to guess the rest (200 random bits). */
const SHOWN_PREFIX_LENGTH = TOKEN_PREFIX.length + 6;

const API_TOKEN_SCOPES = Object.values(ApiTokenScope);

export const CreateTokenSchema = z.object({
  name: z
    .string({ required_error: "Name the token after what uses it." })
    .trim()
    .min(1, "Name the token after what uses it.")
    .max(100, "Keep the name under 100 characters."),
  scope: z.enum([ApiTokenScope.READ, ApiTokenScope.READ_WRITE, ApiTokenScope.SCIM], { errorMap: () => ({ message: "Choose what the token may do." }) }),
  expiresInDays: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ invalid_type_error: "Enter a number of days." })
      .int("Enter a whole number of days.")
      .min(1, "A token lasts at least 1 day.")
      .max(365, "A token lasts at most 365 days.")
      .default(90),
  ),
});
type CreateTokenInput = z.infer<typeof CreateTokenSchema>;

const listed = {
  id: true,
  name: true,
  prefix: true,
  scope: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

/** Creates a token; the returned `token` is the only copy there will ever be. */
export async function createApiToken(input: CreateTokenInput, ctx: AuditContext, now: Date) {
  const token = `${TOKEN_PREFIX}${generateToken()}`;
  const row = await prisma.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        name: input.name,
        scope: input.scope,
        tokenHash: hashToken(token),
        prefix: token.slice(0, SHOWN_PREFIX_LENGTH),
        createdById: ctx.actor.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + input.expiresInDays * DAY_MS),
      },
      select: listed,
    });
    await recordAudit(
      {
        action: "api_token.created",
        actor: ctx.actor,
        target: `api-token:${created.id}`,
        subjectId: null,
        ip: ctx.ip,
        details: { tokenId: created.id, tokenName: created.name, scope: created.scope, expiresAt: created.expiresAt.toISOString() },
      },
      tx,
    );
    return created;
  });
  return { token, row };
}

/** Every token, newest first, with who created it; never the hash. */
export async function listApiTokens(scopes: readonly ApiTokenScope[] = API_TOKEN_SCOPES) {
  const rows = await prisma.apiToken.findMany({
    where: { scope: { in: [...scopes] } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { ...listed, createdById: true },
  });
  const creatorIds = [...new Set(rows.map((r) => r.createdById).filter((id): id is string => id !== null))];
  const creators = await prisma.person.findMany({ where: { id: { in: creatorIds } }, select: { id: true, name: true } });
  const nameOf = new Map(creators.map((c) => [c.id, c.name]));
  return rows.map(({ createdById, ...r }) => ({ ...r, createdBy: createdById ? (nameOf.get(createdById) ?? null) : null }));
}

type RevokeOutcome = { kind: "revoked"; name: string } | { kind: "already-revoked"; name: string } | { kind: "not-found" };

/** Turns a token off at once. Revoking it again changes nothing and says so. */
export async function revokeApiToken(id: string, ctx: AuditContext, now: Date): Promise<RevokeOutcome> {
  return prisma.$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id }, select: { name: true, revokedAt: true, scope: true } });
    if (!token) return { kind: "not-found" } as const;
    if (token.revokedAt) return { kind: "already-revoked", name: token.name } as const;
    // Conditional: of two concurrent revocations only one writes and audits.
    const { count } = await tx.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
    if (count === 0) return { kind: "already-revoked", name: token.name } as const;
    await recordAudit(
      {
        action: "api_token.revoked",
        actor: ctx.actor,
        target: `api-token:${id}`,
        subjectId: null,
        ip: ctx.ip,
        details: { tokenId: id, tokenName: token.name, scope: token.scope },
      },
      tx,
    );
    return { kind: "revoked", name: token.name } as const;
  });
}
