import { afterEach, describe, expect, it } from "vitest";
import { openSecret, sealSecret, SecretUnreadableError } from "./secrets";

describe("sealed secrets", () => {
  const before = process.env.BATON_SECRET_KEY;
  afterEach(() => {
    if (before === undefined) delete process.env.BATON_SECRET_KEY;
    else process.env.BATON_SECRET_KEY = before;
  });

  it("opens what it sealed, and never stores the secret's text", () => {
    process.env.BATON_SECRET_KEY = "test-key-one-that-is-long-enough-to-use";
    const sealed = sealSecret("whsec_c2VjcmV0");
    expect(sealed).not.toContain("whsec_c2VjcmV0");
    expect(sealed).not.toBe(sealSecret("whsec_c2VjcmV0")); // a fresh nonce each time
    expect(openSecret(sealed)).toBe("whsec_c2VjcmV0");
  });

  it("refuses a secret sealed with another key, or changed in the database", () => {
    process.env.BATON_SECRET_KEY = "test-key-one-that-is-long-enough-to-use";
    const sealed = sealSecret("client-secret");
    const parts = sealed.split(".");
    const flipped = [parts[0], parts[1], parts[2], Buffer.from("other").toString("base64url")].join(".");
    expect(() => openSecret(flipped)).toThrow(SecretUnreadableError);
    process.env.BATON_SECRET_KEY = "test-key-two-that-is-long-enough-to-use";
    expect(() => openSecret(sealed)).toThrow(SecretUnreadableError);
  });
});
