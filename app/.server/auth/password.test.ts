import { describe, expect, it } from "vitest";
import { NewPasswordSchema, hashPassword, verifyPassword } from "./password";

describe("password hashing", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash.startsWith("scrypt$131072$8$1$")).toBe(true);
    expect(hash).not.toContain("correct horse battery");
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
  });

  it("salts every hash", async () => {
    const [a, b] = await Promise.all([hashPassword("same password"), hashPassword("same password")]);
    expect(a).not.toBe(b);
  });

  it("refuses a malformed stored hash instead of throwing", async () => {
    expect(await verifyPassword("anything", "not-a-hash")).toBe(false);
  });
});

describe("password rules", () => {
  const problem = (pw: string) => NewPasswordSchema.safeParse(pw).error?.issues[0]?.message;

  it("accepts 8 characters and long passphrases without composition rules", () => {
    expect(problem("tulip-ledger")).toBeUndefined();
    expect(problem("a".repeat(20) + " quiet river stones " + "b".repeat(40))).toBeUndefined();
    expect(problem("xkqzvbwm")).toBeUndefined();
  });

  it("rejects short, overlong and common passwords with a reason", () => {
    expect(problem("short7")).toMatch(/at least 8/);
    expect(problem("x".repeat(129))).toMatch(/at most 128/);
    expect(problem("password1")).toMatch(/too common/);
    expect(problem("Qwerty123")).toMatch(/too common/);
  });
});
