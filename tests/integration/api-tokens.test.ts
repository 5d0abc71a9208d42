import { beforeAll, describe, expect, it } from "vitest";
import { API_TOKEN_RATE, authenticateToken } from "~/.server/api-tokens/authenticate";
import { createApiToken, listApiTokens, revokeApiToken } from "~/.server/api-tokens/tokens";
import { hashToken } from "~/.server/auth/token";
import { prisma } from "~/.server/db";
import type { ApiTokenScope } from "~/generated/prisma/enums";
import { action as tokensAction, loader as tokensLoader } from "~/routes/_app.hr.integrations.tokens";
import { createTestPerson, having, makeRequest, outcomeOf, signedInCookie } from "../factories";

let hr: Awaited<ReturnType<typeof createTestPerson>>;
const ctx = () => ({ actor: hr, ip: "203.0.113.9" });
const NOW = new Date("2026-11-24T10:00:00Z");
const later = (ms: number) => new Date(NOW.getTime() + ms);

beforeAll(async () => {
  hr = await createTestPerson({ role: "HR", name: "Hana HR" });
});

async function newToken(scope: ApiTokenScope = "READ", name = `token ${Math.random().toString(36).slice(2, 7)}`, expiresInDays = 90) {
  return createApiToken({ name, scope, expiresInDays }, ctx(), NOW);
}

const call = (token: string | null, path = "/api/v1/people", ip = "198.51.100.4") =>
  new Request(`http://localhost:3000${path}`, {
    headers: { ...(token === null ? {} : { Authorization: `Bearer ${token}` }), "x-baton-client-ip": ip },
  });

const auditRows = (action: string, tokenId?: string) =>
  prisma.auditEvent.findMany({ where: { action, ...(tokenId ? { target: `api-token:${tokenId}` } : {}) }, orderBy: { at: "asc" } });

describe("creating tokens", () => {
  it("shows the token once and stores only its hash and a short prefix", async () => {
    const { token, row } = await newToken("READ_WRITE", "Warehouse sync");
    expect(token).toMatch(/^baton_[a-z2-7]{40}$/);
    const stored = await prisma.apiToken.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(stored.prefix).toBe(token.slice(0, 12));
    expect(Object.values(stored).some((v) => typeof v === "string" && v.includes(token))).toBe(false);
    expect(stored.expiresAt.getTime() - NOW.getTime()).toBe(90 * 86_400_000);
    expect(stored.createdById).toBe(hr.id);
    const [audit] = await auditRows("api_token.created", row.id);
    expect(audit).toMatchObject({ actorId: hr.id, ip: "203.0.113.9" });
    expect(JSON.parse(audit!.details!)).toMatchObject({ tokenName: "Warehouse sync", scope: "READ_WRITE" });
    expect(audit!.details).not.toContain(token);
  });

  it("lists tokens without their hash", async () => {
    const { row } = await newToken("SCIM", "Okta");
    const list = await listApiTokens();
    const listed = list.find((t) => t.id === row.id);
    expect(listed).toMatchObject({ name: "Okta", scope: "SCIM", createdBy: "Hana HR", revokedAt: null, lastUsedAt: null });
    expect(listed).not.toHaveProperty("tokenHash");
    expect((await listApiTokens(["SCIM"])).every((t) => t.scope === "SCIM")).toBe(true);
  });
});

describe("authenticating", () => {
  it("accepts a valid token of an allowed scope, audits the use and notes when it was last used", async () => {
    const { token, row } = await newToken("READ", "Reporting");
    const outcome = await authenticateToken(call(token), ["READ", "READ_WRITE"], NOW);
    expect(outcome).toEqual({ kind: "ok", token: { id: row.id, name: "Reporting", scope: "READ", createdById: hr.id } });
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: row.id } })).lastUsedAt).toEqual(NOW);
    const [used] = await auditRows("api_token.used", row.id);
    expect(used).toMatchObject({ ip: "198.51.100.4", count: 1 });
    expect(JSON.parse(used!.details!)).toMatchObject({ method: "GET", path: "/api/v1/people", outcome: "ok", tokenId: row.id, tokenName: "Reporting" });
  });

  it("writes lastUsedAt at most once a minute and folds a busy token's repeats into one audit row", async () => {
    const { token, row } = await newToken("READ");
    for (const ms of [0, 1_000, 30_000]) expect((await authenticateToken(call(token), ["READ"], later(ms))).kind).toBe("ok");
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: row.id } })).lastUsedAt).toEqual(NOW);
    expect((await authenticateToken(call(token), ["READ"], later(61_000))).kind).toBe("ok");
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: row.id } })).lastUsedAt).toEqual(later(61_000));
    const rows = await auditRows("api_token.used", row.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.count).toBe(4);
    // A different path is a different event.
    await authenticateToken(call(token, "/api/v1/curricula"), ["READ"], later(62_000));
    expect(await auditRows("api_token.used", row.id)).toHaveLength(2);
  });

  it("is unauthenticated without a token, with an unknown one or a malformed header, and audits the refusal", async () => {
    const before = await prisma.auditEvent.count({ where: { action: "api_token.refused" } });
    expect(await authenticateToken(call(null, "/api/v1/people", "192.0.2.50"), ["READ"], NOW)).toMatchObject({ kind: "unauthenticated" });
    expect(await authenticateToken(call("baton_nottherealthing", "/api/v1/people", "192.0.2.51"), ["READ"], NOW)).toEqual({
      kind: "unauthenticated",
      message: "This API token is not valid.",
    });
    const basic = new Request("http://localhost:3000/api/v1/people", { headers: { Authorization: "Basic abc", "x-baton-client-ip": "192.0.2.52" } });
    expect(await authenticateToken(basic, ["READ"], NOW)).toMatchObject({ kind: "unauthenticated" });
    const refused = await prisma.auditEvent.findMany({ where: { action: "api_token.refused", ip: { in: ["192.0.2.50", "192.0.2.51", "192.0.2.52"] } } });
    expect(refused.map((r) => JSON.parse(r.details!).outcome).sort()).toEqual(["missing", "missing", "unknown"]);
    expect(await prisma.auditEvent.count({ where: { action: "api_token.refused" } })).toBe(before + 3);
  });

  it("refuses an expired token", async () => {
    const { token, row } = await newToken("READ", "Short-lived", 1);
    expect((await authenticateToken(call(token), ["READ"], later(86_400_000 - 1))).kind).toBe("ok");
    expect(await authenticateToken(call(token), ["READ"], later(86_400_000))).toEqual({ kind: "unauthenticated", message: "This API token has expired." });
    const [refused] = await auditRows("api_token.refused", row.id);
    expect(JSON.parse(refused!.details!)).toMatchObject({ outcome: "expired", tokenName: "Short-lived" });
  });

  it("refuses a revoked token from the moment it is revoked; revoking twice changes nothing", async () => {
    const { token, row } = await newToken("READ_WRITE", "Old integration");
    expect((await authenticateToken(call(token), ["READ_WRITE"], NOW)).kind).toBe("ok");
    expect(await revokeApiToken(row.id, ctx(), later(1_000))).toEqual({ kind: "revoked", name: "Old integration" });
    expect(await revokeApiToken(row.id, ctx(), later(2_000))).toEqual({ kind: "already-revoked", name: "Old integration" });
    expect(await revokeApiToken("no-such-token", ctx(), later(2_000))).toEqual({ kind: "not-found" });
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: row.id } })).revokedAt).toEqual(later(1_000));
    expect(await auditRows("api_token.revoked", row.id)).toHaveLength(1);
    expect(await authenticateToken(call(token), ["READ_WRITE"], later(3_000))).toEqual({
      kind: "unauthenticated",
      message: "This API token has been revoked.",
    });
  });

  it("forbids a scope the request does not allow, and SCIM tokens never reach the JSON API", async () => {
    const read = await newToken("READ");
    const scim = await newToken("SCIM");
    expect(await authenticateToken(call(read.token), ["READ_WRITE"], NOW)).toMatchObject({ kind: "forbidden" });
    expect(await authenticateToken(call(scim.token), ["READ", "READ_WRITE"], NOW)).toMatchObject({ kind: "forbidden" });
    expect(await authenticateToken(call(read.token, "/scim/v2/Users"), ["SCIM"], NOW)).toMatchObject({ kind: "forbidden" });
    expect((await authenticateToken(call(scim.token, "/scim/v2/Users"), ["SCIM"], NOW)).kind).toBe("ok");
    const [refused] = await auditRows("api_token.refused", read.row.id);
    expect(JSON.parse(refused!.details!)).toMatchObject({ outcome: "forbidden" });
  });

  it("rate-limits each token on its own and says when to retry", async () => {
    const busy = await newToken("READ");
    const calm = await newToken("READ");
    // The limit's window already full of this token's requests, the oldest 20 seconds ago.
    await prisma.rateLimitEvent.createMany({
      data: Array.from({ length: API_TOKEN_RATE.limit }, (_, i) => ({ key: `api-token:${busy.row.id}`, at: later(-20_000 + i) })),
    });
    expect(await authenticateToken(call(busy.token), ["READ"], NOW)).toEqual({ kind: "rate-limited", retryAfterSeconds: 40 });
    expect((await authenticateToken(call(calm.token), ["READ"], NOW)).kind).toBe("ok");
    // Once the oldest request leaves the window, one more is allowed.
    expect((await authenticateToken(call(busy.token), ["READ"], later(40_001))).kind).toBe("ok");
    const [refused] = await auditRows("api_token.refused", busy.row.id);
    expect(JSON.parse(refused!.details!)).toMatchObject({ outcome: "rate-limited" });
  });
});

describe("the HR page", () => {
  it("creates a token shown once, lists it, and revokes it", async () => {
    const { cookie } = await signedInCookie(hr.id);
    const created = await outcomeOf(
      tokensAction({
        request: makeRequest("/hr/integrations/tokens", { cookie, form: { intent: "create", name: "BI dashboard", scope: "READ", expiresInDays: "30" } }),
        params: {},
        context: {},
      }),
    );
    expect(created.status).toBe(200);
    expect(created.data).toMatchObject({ kind: "created", name: "BI dashboard" });
    const token = having(created.data, "token").token;
    const page = await outcomeOf(tokensLoader({ request: makeRequest("/hr/integrations/tokens", { cookie }), params: {}, context: {} }));
    const listed = page.data.tokens.find((t) => t.name === "BI dashboard");
    if (!listed) throw new Error("the new token is not listed");
    expect(listed).toMatchObject({ scope: "READ", prefix: token.slice(0, 12) });
    expect(JSON.stringify(page.data)).not.toContain(token);
    expect(listed.expiresAt.getTime() - listed.createdAt.getTime()).toBe(30 * 86_400_000);

    const revoked = await outcomeOf(
      tokensAction({ request: makeRequest("/hr/integrations/tokens", { cookie, form: { intent: "revoke", id: listed.id } }), params: {}, context: {} }),
    );
    expect(revoked.data).toMatchObject({ kind: "message", ok: true });
    expect((await authenticateToken(call(token), ["READ"])).kind).toBe("unauthenticated");
  });

  it("refuses bad input beside the field and creates nothing", async () => {
    const { cookie } = await signedInCookie(hr.id);
    const before = await prisma.apiToken.count();
    const bad = await outcomeOf(
      tokensAction({
        request: makeRequest("/hr/integrations/tokens", { cookie, form: { intent: "create", name: " ", scope: "ADMIN", expiresInDays: "400" } }),
        params: {},
        context: {},
      }),
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(having(bad.data, "errors").errors).sort()).toEqual(["expiresInDays", "name", "scope"]);
    expect(await prisma.apiToken.count()).toBe(before);
  });

  it("is for HR only", async () => {
    const learner = await createTestPerson();
    const { cookie } = await signedInCookie(learner.id);
    const refused = await outcomeOf(tokensLoader({ request: makeRequest("/hr/integrations/tokens", { cookie }), params: {}, context: {} }));
    expect(refused.status).toBe(403);
    const post = await outcomeOf(
      tokensAction({
        request: makeRequest("/hr/integrations/tokens", { cookie, form: { intent: "create", name: "Mine", scope: "READ_WRITE" } }),
        params: {},
        context: {},
      }),
    );
    expect(post.status).toBe(403);
    expect(await prisma.apiToken.count({ where: { name: "Mine" } })).toBe(0);
  });
});
