import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { randomBytes } from "node:crypto";

/** 25 random bytes (200 bits) as base32: the value that lives only in the browser's cookie or link. */
export function generateToken(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(25));
}

/** What we store instead of the token, so a copy of the database signs nobody in. */
export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}
