import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import { isNotificationKind, NOTIFICATION_KINDS, type Channel, type NotificationKind } from "~/utils/notification-kinds";
import { recordAudit } from "../audit/audit";
import { prisma } from "../db";
import { isValidTimeZone } from "./local-time";

type Db = Prisma.TransactionClient | typeof prisma;

export type OrgSettings = {
  timeZone: string;
  emailFromHour: number;
  emailUntilHour: number;
  emailWeekdaysOnly: boolean;
  escalationDays: number;
  /** "kind:channel" pairs that are off unless a person turns them on. */
  defaultsOff: string[];
  secret: string;
};

/** The organisation's one settings row, created with the defaults the first time anyone asks. */
export async function orgSettings(db: Db = prisma): Promise<OrgSettings> {
  let row = await db.orgSettings.findUnique({ where: { id: 1 } });
  if (!row) row = await db.orgSettings.upsert({ where: { id: 1 }, create: { id: 1, secret: randomBytes(32).toString("base64url") }, update: {} });
  return { ...row, defaultsOff: JSON.parse(row.defaultsOff) as string[] };
}

export const pairKey = (kind: NotificationKind, channel: Channel) => `${kind}:${channel}`;

export const SettingsSchema = z
  .object({
    timeZone: z.string().trim().refine(isValidTimeZone, "Choose a time zone from the list, e.g. Europe/Berlin."),
    emailFromHour: z.coerce.number({ invalid_type_error: "Enter a whole number." }).int("Enter a whole number.").min(0, "0 to 23").max(23, "0 to 23"),
    emailUntilHour: z.coerce.number({ invalid_type_error: "Enter a whole number." }).int("Enter a whole number.").min(1, "1 to 24").max(24, "1 to 24"),
    emailWeekdaysOnly: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
    escalationDays: z.coerce
      .number({ invalid_type_error: "Enter a whole number." })
      .int("Enter a whole number.")
      .min(0, "0 or more days")
      .max(90, "At most 90 days"),
    defaultsOff: z.array(z.string()).default([]),
  })
  .refine((s) => s.emailFromHour < s.emailUntilHour, { path: ["emailUntilHour"], message: "The end must come after the start." })
  .refine(
    (s) =>
      s.defaultsOff.every((p) => {
        const [k, c] = p.split(":");
        return !!k && isNotificationKind(k) && !NOTIFICATION_KINDS[k].required && (NOTIFICATION_KINDS[k].channels as readonly string[]).includes(c ?? "");
      }),
    {
      path: ["defaultsOff"],
      message: "Unknown kind of message.",
    },
  );

export async function updateOrgSettings(input: z.infer<typeof SettingsSchema>, ctx: { actor: { id: string; email: string }; ip: string | null }) {
  await orgSettings();
  const before = await prisma.orgSettings.findUniqueOrThrow({ where: { id: 1 } });
  await prisma.orgSettings.update({ where: { id: 1 }, data: { ...input, defaultsOff: JSON.stringify(input.defaultsOff) } });
  await recordAudit({
    action: "settings.notifications.updated",
    actor: ctx.actor,
    target: "organisation",
    ip: ctx.ip,
    details: {
      before: {
        timeZone: before.timeZone,
        emailFromHour: before.emailFromHour,
        emailUntilHour: before.emailUntilHour,
        emailWeekdaysOnly: before.emailWeekdaysOnly,
        escalationDays: before.escalationDays,
        defaultsOff: JSON.parse(before.defaultsOff),
      },
      after: input,
    },
  });
}
