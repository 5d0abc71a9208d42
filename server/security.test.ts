import { describe, expect, it, vi } from "vitest";
import { isSameOrigin, originGuard, wantsHsts } from "./security.mjs";

const allowed = ["http://localhost:3000"];

describe("origin check", () => {
  it("accepts our own origin and refuses any other", () => {
    expect(isSameOrigin({ origin: "http://localhost:3000" }, allowed)).toBe(true);
    expect(isSameOrigin({ origin: "http://evil.test" }, allowed)).toBe(false);
    expect(isSameOrigin({ origin: "http://localhost:3001" }, allowed)).toBe(false);
    expect(isSameOrigin({ origin: "null" }, allowed)).toBe(false);
  });

  it("falls back to the Referer and refuses when neither is sent", () => {
    expect(isSameOrigin({ referer: "http://localhost:3000/hr/people?q=a" }, allowed)).toBe(true);
    expect(isSameOrigin({ referer: "http://evil.test/page" }, allowed)).toBe(false);
    expect(isSameOrigin({}, allowed)).toBe(false);
  });

  function run(method: string, headers: Record<string, string>, path = "/x") {
    const req = { method, headers, protocol: "http", get: () => "localhost:3000", originalUrl: path, path };
    const res = { status: vi.fn().mockReturnThis(), type: vi.fn().mockReturnThis(), send: vi.fn() };
    const next = vi.fn();
    vi.spyOn(console, "warn").mockImplementation(() => {});
    originGuard()(req, res, next);
    return { next, res };
  }

  it("lets GET through and stops a cross-origin POST with 403", () => {
    expect(run("GET", { origin: "http://evil.test" }).next).toHaveBeenCalled();
    const post = run("POST", { origin: "http://evil.test" });
    expect(post.next).not.toHaveBeenCalled();
    expect(post.res.status).toHaveBeenCalledWith(403);
    expect(run("POST", { origin: "http://localhost:3000" }).next).toHaveBeenCalled();
  });

  it("lets a mail provider's one-click unsubscribe POST through, and nothing else without our origin", () => {
    expect(run("POST", {}, "/unsubscribe/p1.due_reminder.abc_DEF-123").next).toHaveBeenCalled();
    expect(run("POST", { origin: "http://evil.test" }, "/unsubscribe/p1.due_reminder.abc").next).toHaveBeenCalled();
    expect(run("POST", {}, "/unsubscribe/p1/extra").res.status).toHaveBeenCalledWith(403);
    expect(run("DELETE", {}, "/unsubscribe/p1.x.y").res.status).toHaveBeenCalledWith(403);
    expect(run("POST", {}, "/account/notifications").res.status).toHaveBeenCalledWith(403);
  });

  it("lets other systems call the bearer-token API and SCIM without our origin, and nothing that only looks like them", () => {
    expect(run("POST", {}, "/api/v1/assignments").next).toHaveBeenCalled();
    expect(run("PATCH", { origin: "https://idp.example" }, "/scim/v2/Users/abc").next).toHaveBeenCalled();
    expect(run("DELETE", {}, "/scim/v2/Users/abc").next).toHaveBeenCalled();
    expect(run("POST", {}, "/api/v10/x").res.status).toHaveBeenCalledWith(403);
    expect(run("POST", {}, "/apix/v1").res.status).toHaveBeenCalledWith(403);
    expect(run("POST", {}, "/hr/api/v1").res.status).toHaveBeenCalledWith(403);
  });
});

describe("HSTS", () => {
  it("is sent for TLS requests, and for every request when the public origin is https (TLS ends at a proxy)", () => {
    expect(wantsHsts({ secure: true }, undefined)).toBe(true);
    expect(wantsHsts({ secure: false }, "https://learn.example.com")).toBe(true);
    expect(wantsHsts({ secure: false }, "http://localhost:3000")).toBe(false);
    expect(wantsHsts({ secure: false }, undefined)).toBe(false);
  });
});
