import { NOTIFICATION_KINDS } from "~/utils/notification-kinds";
import { recordAudit } from "../audit/audit";
import { prisma } from "../db";
import { turnOffEmail } from "./preferences";
import { orgSettings } from "./settings";
import { readUnsubscribeToken } from "./unsubscribe";

/** Whom and what an unsubscribe link is for, or null when the link is not one of ours. */
export async function unsubscribeTarget(token: string) {
  const found = readUnsubscribeToken(token, (await orgSettings()).secret);
  if (!found) return null;
  const person = await prisma.person.findUnique({ where: { id: found.personId }, select: { id: true, email: true } });
  return person ? { person, kind: found.kind, label: NOTIFICATION_KINDS[found.kind].label } : null;
}

/** One click (or a mail provider's RFC 8058 POST): that kind stops coming by e-mail. */
export async function unsubscribe(token: string, ip: string | null) {
  const target = await unsubscribeTarget(token);
  if (!target) return null;
  await turnOffEmail(target.person.id, target.kind);
  await recordAudit({ action: "notifications.unsubscribed", actor: target.person, target: target.person.email, ip, details: { kind: target.kind } });
  return target;
}
