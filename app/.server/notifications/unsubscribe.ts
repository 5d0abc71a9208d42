import { createHmac, timingSafeEqual } from "node:crypto";
import { isNotificationKind, NOTIFICATION_KINDS, type NotificationKind } from "~/utils/notification-kinds";

/**
 * One-click unsubscribe links (RFC 8058): the token names the person and the kind and is signed with the
 * organisation's secret, so it works without signing in and cannot be forged for someone else.
 */
export function unsubscribeToken(personId: string, kind: NotificationKind, secret: string): string {
  return `${personId}.${kind}.${signature(personId, kind, secret)}`;
}

export function readUnsubscribeToken(token: string, secret: string): { personId: string; kind: NotificationKind } | null {
  const [personId, kind, sig, ...rest] = token.split(".");
  if (!personId || !kind || !sig || rest.length > 0 || !isNotificationKind(kind) || NOTIFICATION_KINDS[kind].required) return null;
  const expected = Buffer.from(signature(personId, kind, secret));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { personId, kind };
}

function signature(personId: string, kind: string, secret: string) {
  return createHmac("sha256", secret).update(`unsubscribe:${personId}:${kind}`).digest("base64url").slice(0, 32);
}
