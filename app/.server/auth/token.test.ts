import { describe, expect, it } from "vitest";
import { generateToken, hashToken } from "./token";

describe("session tokens", () => {
  it("carries at least 20 random bytes and never repeats", () => {
    const tokens = new Set(Array.from({ length: 1000 }, generateToken));
    expect(tokens.size).toBe(1000);
    for (const t of tokens) {
      // base32: 5 bits per character
      expect(t.length * 5).toBeGreaterThanOrEqual(160);
      expect(t).toMatch(/^[a-z2-7]+$/);
    }
  });

  it("stores a SHA-256 that differs from the token and is stable", () => {
    const token = generateToken();
    const hash = hashToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token);
    expect(hashToken(token)).toBe(hash);
    expect(hashToken(generateToken())).not.toBe(hash);
  });

  it("matches a known SHA-256 vector", () => {
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
