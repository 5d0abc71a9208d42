import { randomUUID } from "node:crypto";
import { Prisma } from "~/generated/prisma/client";
import { chunks } from "../chunks";
import { yieldToOthers } from "../pace";

type Tx = Prisma.TransactionClient;

/** How a message leaves: e-mail over SMTP, or an HTTP POST to a webhook endpoint or the learning record store. */
export type OutboxChannel = "email" | "webhook" | "xapi";

export type EmailPayload = { text: string; html: string; headers: Record<string, string> };

/** One message to write; `recipient` is an address, a webhook endpoint's id, or "lrs". */
export type OutboxRow<Payload = EmailPayload> = {
  channel: OutboxChannel;
  kind: string;
  idempotencyKey: string;
  personId: string | null;
  recipient: string;
  subject: string;
  payload: Payload;
  availableAt: Date;
};

/**
 * Write messages into the outbox inside the caller's transaction. A key that is already there is skipped:
 * the same reason never produces a second message (INSERT … ON CONFLICT DO NOTHING, on SQLite and PostgreSQL).
 * Returns how many were new.
 */
export async function enqueue(tx: Tx, rows: OutboxRow<unknown>[], now: Date): Promise<number> {
  let added = 0;
  for (const batch of chunks(rows, 100)) {
    const values = Prisma.join(
      batch.map(
        (r) =>
          Prisma.sql`(${randomUUID()}, ${r.channel}, ${r.kind}, ${r.idempotencyKey}, ${r.personId}, ${r.recipient}, ${r.subject}, ${JSON.stringify(r.payload)}, 'PENDING', 0, ${r.availableAt}, ${now})`,
      ),
    );
    added += await tx.$executeRaw`
      INSERT INTO "OutboxMessage" ("id", "channel", "kind", "idempotencyKey", "personId", "recipient", "subject", "payload", "status", "attempts", "availableAt", "createdAt")
      VALUES ${values}
      ON CONFLICT ("idempotencyKey") DO NOTHING`;
    // A bulk invitation writes a thousand rows: other requests get turns in between (docs/decisions/010).
    await yieldToOthers();
  }
  return added;
}
