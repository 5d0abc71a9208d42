import { describe, expect, it } from "vitest";
import { REVALIDATE, isNotModified } from "./revalidate";

const context = (loaderData: Record<string, unknown>, actionData: unknown = null) =>
  ({ manifest: { version: "build-1" }, staticHandlerContext: { loaderData, actionData } }) as unknown as Parameters<typeof isNotModified>[3];

function ask(init: { ifNoneMatch?: string; method?: string; status?: number; policy?: string | null; data?: Record<string, unknown>; actionData?: unknown }) {
  const headers = new Headers();
  const policy = init.policy === undefined ? REVALIDATE["Cache-Control"] : init.policy;
  if (policy) headers.set("Cache-Control", policy);
  const request = new Request("http://localhost/learn", {
    method: init.method ?? "GET",
    headers: init.ifNoneMatch ? { "If-None-Match": init.ifNoneMatch } : {},
  });
  const notModified = isNotModified(request, init.status ?? 200, headers, context(init.data ?? { page: 1 }, init.actionData));
  return { notModified, etag: headers.get("ETag") };
}

describe("conditional learner pages", () => {
  it("answers 304 to the ETag it gave, and not once the data changed", () => {
    const { notModified, etag } = ask({});
    expect(notModified).toBe(false);
    expect(etag).toMatch(/^W\/"/);
    expect(ask({ ifNoneMatch: etag! }).notModified).toBe(true);
    expect(ask({ ifNoneMatch: `"other", ${etag}` }).notModified).toBe(true);
    expect(ask({ ifNoneMatch: etag!, data: { page: 2 } }).notModified).toBe(false);
  });

  it("ignores the request id the root sends with every page", () => {
    const etag = ask({ data: { root: { requestId: "a" }, page: 1 } }).etag!;
    expect(ask({ ifNoneMatch: etag, data: { root: { requestId: "b" }, page: 1 } }).notModified).toBe(true);
    expect(ask({ ifNoneMatch: etag, data: { root: { requestId: "b" }, page: 2 } }).notModified).toBe(false);
  });

  it("leaves pages that did not opt in, errors, posts and action results alone", () => {
    const etag = ask({}).etag!;
    expect(ask({ ifNoneMatch: etag, policy: null })).toEqual({ notModified: false, etag: null });
    expect(ask({ ifNoneMatch: etag, status: 404 }).notModified).toBe(false);
    expect(ask({ ifNoneMatch: etag, method: "POST" }).notModified).toBe(false);
    expect(ask({ ifNoneMatch: etag, actionData: { ok: true } }).notModified).toBe(false);
  });
});
