import { randomInt } from "node:crypto";

/** Base32 without the look-alikes 0/O and 1/I: 32 characters, so a code is 80 random bits. */
export const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const CODE_LENGTH = 16;

/** A fresh verification code: 16 characters, stored without dashes. */
export function newCertificateCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** As printed: XXXX-XXXX-XXXX-XXXX. */
export const formatCode = (code: string) => code.match(/.{1,4}/g)?.join("-") ?? code;

/** A code as someone typed it (any case, dashes or spaces or none) in stored form, or null when it cannot be one. */
export function normaliseCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, "").toUpperCase();
  if (code.length !== CODE_LENGTH) return null;
  for (const ch of code) if (!CODE_ALPHABET.includes(ch)) return null;
  return code;
}
