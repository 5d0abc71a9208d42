/**
 * Who is calling the JSON API or SCIM: the bearer token's row, checked for revocation, expiry, scope and rate.
 * Every use is audited; repeats of the same call fold into one row (audit/repeated.ts), so a busy integration
 * does not write a row per request.
 */
import type { ApiTokenScope } from "~/generated/prisma/enums";
import { recordRepeatedAudit } from "../audit/repeated";
import { RateLimit } from "../auth/rate-limit";
import { hashToken } from "../auth/token";
import { prisma } from "../db";
import { clientIp } from "../http";

export type TokenOutcome =
  | { kind: "ok"; token: { id: string; name: string; scope: ApiTokenScope; createdById: string | null } }
  | { kind: "unauthenticated"; message: string } // → 401
  | { kind: "forbidden"; message: string } // → 403 (wrong scope)
  | { kind: "rate-limited"; retryAfterSeconds: number }; // → 429

/** Requests per token per minute, shared by every server process (the events live in the database). */
export const API_TOKEN_RATE = { limit: 600, windowMs: 60_000 };
const RATE_NAME = "api-token";
const rateLimit = new RateLimit(RATE_NAME, API_TOKEN_RATE.limit, API_TOKEN_RATE.windowMs);
/** lastUsedAt is a hint for HR ("is this still in use?"): writing it once a minute is plenty. */
const LAST_USED_EVERY_MS = 60_000;
/** Longer is no token of ours: refuse before hashing megabytes. */
const MAX_TOKEN_LENGTH = 200;

/** The bearer token in the Authorization header, or null when there is none. */
function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header ? /^Bearer[ ]+(\S+)\s*$/i.exec(header) : null;
  return match?.[1] ?? null;
}

/** Seconds until the oldest request in the window leaves it, so a retry then succeeds. */
async function secondsUntilFree(tokenId: string, now: Date): Promise<number> {
  const oldest = await prisma.rateLimitEvent.findFirst({
    where: { key: `${RATE_NAME}:${tokenId}`, at: { gt: new Date(now.getTime() - API_TOKEN_RATE.windowMs) } },
    orderBy: { at: "asc" },
    select: { at: true },
  });
  const freeAt = (oldest?.at.getTime() ?? now.getTime()) + API_TOKEN_RATE.windowMs;
  return Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
}

/**
 * Checks `Authorization: Bearer <token>` against the stored hashes. Unknown, revoked or expired tokens are
 * unauthenticated; a scope outside `allowed` is forbidden; more than API_TOKEN_RATE requests a minute are rate-limited.
 */
export async function authenticateToken(request: Request, allowed: readonly ApiTokenScope[], now = new Date()): Promise<TokenOutcome> {
  const url = new URL(request.url);
  const call = { method: request.method, path: url.pathname };
  const ip = clientIp(request);
  const text = bearerToken(request);

  const refuse = async (reason: string, token: { id: string; name: string } | null) => {
    await recordRepeatedAudit(
      {
        action: "api_token.refused",
        target: token ? `api-token:${token.id}` : null,
        subjectId: null,
        ip,
        details: { ...call, outcome: reason, ...(token ? { tokenId: token.id, tokenName: token.name } : {}) },
      },
      // A known token's refusals fold per token; guesses fold per address.
      { by: token ? "target" : "ip", now },
    );
  };

  if (!text || text.length > MAX_TOKEN_LENGTH) {
    await refuse(text ? "malformed" : "missing", null);
    return { kind: "unauthenticated", message: "Send an API token in the Authorization header: Bearer <token>." };
  }
  const token = await prisma.apiToken.findUnique({
    where: { tokenHash: hashToken(text) },
    select: { id: true, name: true, scope: true, createdById: true, expiresAt: true, revokedAt: true, lastUsedAt: true },
  });
  if (!token) {
    await refuse("unknown", null);
    return { kind: "unauthenticated", message: "This API token is not valid." };
  }
  if (token.revokedAt) {
    await refuse("revoked", token);
    return { kind: "unauthenticated", message: "This API token has been revoked." };
  }
  if (token.expiresAt.getTime() <= now.getTime()) {
    await refuse("expired", token);
    return { kind: "unauthenticated", message: "This API token has expired." };
  }
  if (!(await rateLimit.take(token.id, now.getTime()))) {
    await refuse("rate-limited", token);
    return { kind: "rate-limited", retryAfterSeconds: await secondsUntilFree(token.id, now) };
  }
  if (!allowed.includes(token.scope)) {
    await refuse("forbidden", token);
    return { kind: "forbidden", message: `This API token's scope (${token.scope}) does not allow this request; it needs ${allowed.join(" or ")}.` };
  }

  if (!token.lastUsedAt || token.lastUsedAt.getTime() <= now.getTime() - LAST_USED_EVERY_MS) {
    // Conditional, so concurrent requests write it once.
    await prisma.apiToken.updateMany({
      where: { id: token.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: new Date(now.getTime() - LAST_USED_EVERY_MS) } }] },
      data: { lastUsedAt: now },
    });
  }
  await recordRepeatedAudit(
    {
      action: "api_token.used",
      target: `api-token:${token.id}`,
      subjectId: null,
      ip,
      details: { ...call, outcome: "ok", tokenId: token.id, tokenName: token.name },
    },
    { by: "target", now },
  );
  return { kind: "ok", token: { id: token.id, name: token.name, scope: token.scope, createdById: token.createdById } };
}
