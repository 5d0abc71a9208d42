import { NOTIFICATION_KINDS, OPTIONAL_KINDS, type Channel, type NotificationKind } from "~/utils/notification-kinds";
import type { Prisma } from "~/generated/prisma/client";
import { recordAudit } from "../audit/audit";
import { chunks } from "../chunks";
import { prisma } from "../db";
import { orgSettings, pairKey, type OrgSettings } from "./settings";

type Db = Prisma.TransactionClient | typeof prisma;

/** Who of these people gets this kind on this channel: their own choice, else the organisation default (on unless HR turned it off). */
export async function wantedBy(db: Db, personIds: string[], kind: NotificationKind, channel: Channel, settings: OrgSettings): Promise<Set<string>> {
  const spec = NOTIFICATION_KINDS[kind];
  if (!(spec.channels as readonly Channel[]).includes(channel)) return new Set();
  if (spec.required) return new Set(personIds);
  const defaultOn = !settings.defaultsOff.includes(pairKey(kind, channel));
  const choices = new Map<string, boolean>();
  for (const ids of chunks(personIds, 500)) {
    for (const p of await db.notificationPreference.findMany({ where: { personId: { in: ids }, kind, channel }, select: { personId: true, enabled: true } })) {
      choices.set(p.personId, p.enabled);
    }
  }
  return new Set(personIds.filter((id) => choices.get(id) ?? defaultOn));
}

export type PreferenceRow = { kind: NotificationKind; channels: { channel: Channel; enabled: boolean }[] };

/** One person's effective choices, for the account page. */
export async function preferencesOf(personId: string): Promise<PreferenceRow[]> {
  const settings = await orgSettings();
  const own = await prisma.notificationPreference.findMany({ where: { personId } });
  const mine = new Map(own.map((p) => [`${p.kind}:${p.channel}`, p.enabled]));
  return OPTIONAL_KINDS.map((kind) => ({
    kind,
    channels: (NOTIFICATION_KINDS[kind].channels as readonly Channel[]).map((channel) => ({
      channel,
      enabled: mine.get(pairKey(kind, channel)) ?? !settings.defaultsOff.includes(pairKey(kind, channel)),
    })),
  }));
}

/** Saves the whole form: every optional kind and channel, checked or not. */
export async function savePreferences(personId: string, enabledPairs: Set<string>, ctx: { actor: { id: string; email: string }; ip: string | null }) {
  const rows = OPTIONAL_KINDS.flatMap((kind) =>
    (NOTIFICATION_KINDS[kind].channels as readonly Channel[]).map((channel) => ({
      personId,
      kind,
      channel,
      enabled: enabledPairs.has(pairKey(kind, channel)),
    })),
  );
  await prisma.$transaction(async (tx) => {
    await tx.notificationPreference.deleteMany({ where: { personId } });
    await tx.notificationPreference.createMany({ data: rows });
  });
  await recordAudit({
    action: "notifications.preferences.saved",
    actor: ctx.actor,
    target: ctx.actor.email,
    ip: ctx.ip,
    details: { off: rows.filter((r) => !r.enabled).map((r) => pairKey(r.kind, r.channel)) },
  });
}

/** One kind off by e-mail for one person (the one-click unsubscribe link). */
export async function turnOffEmail(personId: string, kind: NotificationKind) {
  await prisma.notificationPreference.upsert({
    where: { personId_kind_channel: { personId, kind, channel: "email" } },
    create: { personId, kind, channel: "email", enabled: false },
    update: { enabled: false },
  });
}
