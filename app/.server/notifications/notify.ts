import { randomUUID } from "node:crypto";
import { z } from "zod";
import { Prisma } from "~/generated/prisma/client";
import { NOTIFICATION_KINDS, type NotificationKind } from "~/utils/notification-kinds";
import { chunks } from "../chunks";
import { brandForEmail, type Brand } from "../branding/brand";
import { getEnv } from "../env";
import { yieldToOthers } from "../pace";
import { enqueue, type OutboxRow } from "../outbox/enqueue";
import { mailConfigured } from "../outbox/transport";
import { pokeOutbox } from "../outbox/poke";
import { appBody, type MessageContent } from "./content";
import { renderEmail } from "./email-render";
import { nextEmailTime } from "./local-time";
import { wantedBy } from "./preferences";
import { orgSettings, type OrgSettings } from "./settings";
import { unsubscribeToken } from "./unsubscribe";

type Tx = Prisma.TransactionClient;

type Recipient = { id: string; email: string; name: string };
export type Outgoing = {
  kind: NotificationKind;
  /** The reason, unique per recipient: the same key is never delivered twice (e.g. `due_reminder:<person>:<day>`). */
  key: string;
  to: Recipient;
  content: MessageContent;
  /** Someone is waiting for it (an invitation, a reset): e-mail goes out at once, quiet hours or not. */
  urgent?: boolean;
};
export type NotifyResult = { app: number; email: number; invalidAddress: Recipient[] };

const Address = z.string().email();

/** The origin that links in messages point to: BATON_ORIGIN, else this server on localhost. */
export function publicOrigin(): string {
  const env = getEnv();
  return env.BATON_ORIGIN?.replace(/\/$/, "") ?? `http://localhost:${env.PORT ?? 3000}`;
}

/**
 * Tell people something, inside the transaction of the change that is the reason: a notification in the app
 * (the bell) and, when e-mail is set up, a message in the outbox — each as the person's choices allow.
 */
export async function notify(tx: Tx, messages: Outgoing[], now: Date, settings?: OrgSettings): Promise<NotifyResult> {
  const result: NotifyResult = { app: 0, email: 0, invalidAddress: [] };
  if (messages.length === 0) return result;
  const org = settings ?? (await orgSettings(tx));
  const origin = publicOrigin();
  const emailOn = mailConfigured();
  const brand = emailOn ? await brandForEmail(tx, origin) : undefined;
  const byKind = new Map<NotificationKind, Outgoing[]>();
  for (const m of messages) {
    const list = byKind.get(m.kind);
    if (list) list.push(m);
    else byKind.set(m.kind, [m]);
  }
  for (const [kind, group] of byKind) {
    const ids = group.map((m) => m.to.id);
    const appTo = await wantedBy(tx, ids, kind, "app", org);
    result.app += await insertNotifications(
      tx,
      group.filter((m) => appTo.has(m.to.id)),
      now,
    );
    if (!emailOn) continue;
    const emailTo = await wantedBy(tx, ids, kind, "email", org);
    const rows: OutboxRow[] = [];
    const whenNotUrgent = nextEmailTime(now, org);
    for (const [i, m] of group.filter((m) => emailTo.has(m.to.id)).entries()) {
      if (i % 100 === 99) await yieldToOthers();
      if (!Address.safeParse(m.to.email).success) {
        result.invalidAddress.push(m.to);
        continue;
      }
      rows.push(emailRow(m, kind, origin, org.secret, m.urgent ? now : whenNotUrgent, brand));
    }
    result.email += await enqueue(tx, rows, now);
  }
  if (result.email > 0) pokeOutbox();
  return result;
}

function emailRow(m: Outgoing, kind: NotificationKind, origin: string, secret: string, availableAt: Date, brand?: Brand): OutboxRow {
  const spec = NOTIFICATION_KINDS[kind];
  const unsubscribe = spec.required ? undefined : { url: `${origin}/unsubscribe/${unsubscribeToken(m.to.id, kind, secret)}`, kindLabel: spec.label };
  const body = renderEmail(m.content, { name: m.to.name, origin, unsubscribe, brand });
  const headers: Record<string, string> = { "X-Baton-Kind": kind };
  if (unsubscribe) {
    headers["List-Unsubscribe"] = `<${unsubscribe.url}>`;
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
  }
  return {
    channel: "email",
    kind,
    idempotencyKey: `email:${m.key}`,
    personId: m.to.id,
    recipient: m.to.email,
    subject: m.content.subject,
    payload: { ...body, headers },
    availableAt,
  };
}

async function insertNotifications(tx: Tx, messages: Outgoing[], now: Date): Promise<number> {
  let added = 0;
  for (const batch of chunks(messages, 100)) {
    const values = Prisma.join(
      batch.map(
        (m) =>
          Prisma.sql`(${randomUUID()}, ${m.to.id}, ${m.kind}, ${m.key}, ${m.content.subject}, ${appBody(m.content)}, ${m.content.action && !/^https?:/.test(m.content.action.path) ? m.content.action.path : null}, ${now})`,
      ),
    );
    added += await tx.$executeRaw`
      INSERT INTO "Notification" ("id", "personId", "kind", "key", "title", "body", "link", "createdAt")
      VALUES ${values}
      ON CONFLICT ("key") DO NOTHING`;
    await yieldToOthers();
  }
  return added;
}
