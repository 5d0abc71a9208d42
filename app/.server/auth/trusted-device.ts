import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "../db";
import { generateToken, hashToken } from "./token";

/**
 * Device cookies (OWASP "Slow Down Online Guessing Attacks with Device Cookies", docs/decisions/013):
 * a browser that has signed in to an account carries a random token bound to that person. Sign-in lets
 * such a browser past the account-wide throttle, so strangers guessing a password cannot lock the owner out.
 * Only the token's SHA-256 is stored, like a session's.
 */
export const TRUSTED_DEVICE_LIFETIME_MS = 180 * 24 * 60 * 60_000;
/** One row per browser; someone who signs in from many private windows keeps only the newest. */
export const MAX_TRUSTED_DEVICES = 20;

export type TrustedDeviceRef = { id: string; personId: string; createdAt: Date };

/** The unexpired device behind a cookie token, or null. */
export async function findTrustedDevice(token: string | null, now: Date): Promise<TrustedDeviceRef | null> {
  if (!token) return null;
  return prisma.trustedDevice.findFirst({
    where: { id: hashToken(token), expiresAt: { gt: now } },
    select: { id: true, personId: true, createdAt: true },
  });
}

/**
 * Trusts this browser for this person with a fresh token, which the caller puts in the device cookie.
 * A device already trusted for the person is rotated (its old token stops working) and keeps its start date.
 */
export async function trustDevice(personId: string, now: Date, replaces: TrustedDeviceRef | null = null): Promise<string> {
  const token = generateToken();
  const previous = replaces?.personId === personId ? replaces : null;
  await prisma.$transaction(async (tx) => {
    if (previous) await tx.trustedDevice.deleteMany({ where: { id: previous.id } });
    await tx.trustedDevice.create({
      data: {
        id: hashToken(token),
        personId,
        createdAt: previous?.createdAt ?? now,
        lastUsedAt: now,
        expiresAt: new Date(now.getTime() + TRUSTED_DEVICE_LIFETIME_MS),
      },
    });
    const surplus = await tx.trustedDevice.findMany({
      where: { personId },
      orderBy: { lastUsedAt: "desc" },
      skip: MAX_TRUSTED_DEVICES,
      select: { id: true },
    });
    if (surplus.length > 0) await tx.trustedDevice.deleteMany({ where: { id: { in: surplus.map((d) => d.id) } } });
  });
  return token;
}

/**
 * Forgets a person's trusted browsers, all but the one whose cookie token is given (a password change keeps
 * the browser that made it). Call on deactivation and on a password change or reset.
 */
export async function revokeTrustedDevices(
  personId: string,
  options: { exceptToken?: string | null } = {},
  db: Prisma.TransactionClient = prisma,
): Promise<number> {
  const { count } = await db.trustedDevice.deleteMany({
    where: { personId, ...(options.exceptToken ? { id: { not: hashToken(options.exceptToken) } } : {}) },
  });
  return count;
}

/** Deletes expired rows; the periodic sweep calls this. */
export async function sweepTrustedDevices(now: Date): Promise<number> {
  const { count } = await prisma.trustedDevice.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
