import { describe, expect, it } from "vitest";
import { SESSION_IDLE_MS, SESSION_MAX_LIFETIME_MS, SESSION_RENEW_EVERY_MS, firstExpiry, judgeSession } from "./session-rules";

const t0 = new Date("2026-01-01T09:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
const DAY = 24 * 60 * 60 * 1000;

describe("session expiry", () => {
  const fresh = { createdAt: t0, expiresAt: firstExpiry(t0) };

  it("expires 30 days after sign-in when unused", () => {
    expect(judgeSession(fresh, at(SESSION_IDLE_MS - 1000)).kind).toBe("valid");
    expect(judgeSession(fresh, at(SESSION_IDLE_MS)).kind).toBe("expired");
  });

  it("does not rewrite the expiry more than once an hour", () => {
    expect(judgeSession(fresh, at(10 * 60 * 1000))).toEqual({ kind: "valid", renewTo: null });
    expect(judgeSession(fresh, at(SESSION_RENEW_EVERY_MS - 1))).toEqual({ kind: "valid", renewTo: null });
  });

  it("slides the expiry to 30 days after use once an hour has passed", () => {
    const verdict = judgeSession(fresh, at(2 * DAY));
    expect(verdict).toEqual({ kind: "valid", renewTo: at(2 * DAY + SESSION_IDLE_MS) });
  });

  it("never outlives the hard maximum, however often it is used", () => {
    const old = { createdAt: t0, expiresAt: at(SESSION_MAX_LIFETIME_MS - DAY) };
    const nearEnd = judgeSession(old, at(SESSION_MAX_LIFETIME_MS - 2 * DAY));
    expect(nearEnd).toEqual({ kind: "valid", renewTo: at(SESSION_MAX_LIFETIME_MS) });
    const renewed = { createdAt: t0, expiresAt: at(SESSION_MAX_LIFETIME_MS) };
    expect(judgeSession(renewed, at(SESSION_MAX_LIFETIME_MS)).kind).toBe("expired");
  });
});
