/**
 * Secrets Baton must be able to read back (an identity provider's client secret, webhook signing secrets, the
 * learning record store's password) are sealed with AES-256-GCM before they are stored, so a copy of the database
 * alone reveals none of them (docs/decisions/019). The key is BATON_SECRET_KEY; without it, a random key is made
 * once in ./data/secret.key (one machine only: several hosts must share BATON_SECRET_KEY).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { getEnv } from "./env";

const VERSION = "v1";
const KEY_FILE = "data/secret.key";

let cachedKey: { source: string; key: Buffer } | null = null;

function sealingKey(): Buffer {
  const fromEnv = getEnv().BATON_SECRET_KEY;
  const source = fromEnv ? `env:${fromEnv}` : `file:${resolve(KEY_FILE)}`;
  if (cachedKey?.source === source) return cachedKey.key;
  const material = fromEnv ?? readOrCreateKeyFile(resolve(KEY_FILE));
  // Any length of key text becomes a 256-bit key; the label keeps this use apart from any other use of the same text.
  const key = createHash("sha256").update(`baton-secrets:${material}`).digest();
  cachedKey = { source, key };
  return key;
}

function readOrCreateKeyFile(path: string): string {
  if (existsSync(path)) return readFileSync(path, "utf8").trim();
  mkdirSync(dirname(path), { recursive: true });
  const material = randomBytes(32).toString("base64url");
  // "wx": two processes starting at once cannot both write a key; the loser reads the winner's.
  try {
    writeFileSync(path, material + "\n", { flag: "wx", mode: 0o600 });
    chmodSync(path, 0o600);
    return material;
  } catch {
    return readFileSync(path, "utf8").trim();
  }
}

/** "v1.<iv>.<tag>.<ciphertext>", base64url parts. */
export function sealSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealingKey(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

export class SecretUnreadableError extends Error {
  constructor() {
    super("A stored secret cannot be read with this server's key (BATON_SECRET_KEY changed?). Enter the secret again.");
  }
}

/** The plain secret, or SecretUnreadableError when it was sealed with another key or was tampered with. */
export function openSecret(sealed: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) throw new SecretUnreadableError();
  try {
    const decipher = createDecipheriv("aes-256-gcm", sealingKey(), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretUnreadableError();
  }
}
