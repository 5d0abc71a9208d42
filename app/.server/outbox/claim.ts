import { Prisma } from "~/generated/prisma/client";
import { dialect, prisma } from "../db";

export type Claimed = {
  id: string;
  channel: string;
  kind: string;
  idempotencyKey: string;
  recipient: string;
  subject: string;
  payload: string;
  attempts: number;
};

/**
 * Lease up to `limit` due messages to this worker in one atomic statement: a row is due when it is waiting and
 * its time has come, or when another worker's lease ran out (that worker died mid-send). Two workers can never
 * hold the same row: the UPDATE … RETURNING runs under the database's write lock (SQLite) and re-checks the
 * row's status (PostgreSQL adds FOR UPDATE SKIP LOCKED in the subquery, so concurrent workers take different rows).
 */
export async function claimDue(owner: string, now: Date, leaseMs: number, limit: number, channels?: readonly string[]): Promise<Claimed[]> {
  const until = new Date(now.getTime() + leaseMs);
  // E-mail waits in the queue while SMTP is not set up; webhooks and xAPI statements go regardless.
  const onlyChannels = channels ? Prisma.sql`AND "channel" IN (${Prisma.join(channels)})` : Prisma.empty;
  // PostgreSQL: rows another worker is claiming right now are skipped, not waited for (docs/decisions/018).
  const skipLocked = dialect() === "postgresql" ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
  return prisma.$queryRaw<Claimed[]>(Prisma.sql`
    UPDATE "OutboxMessage"
    SET "status" = 'SENDING', "leaseOwner" = ${owner}, "leaseUntil" = ${until}, "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "OutboxMessage"
      WHERE (("status" = 'PENDING' AND "availableAt" <= ${now}) OR ("status" = 'SENDING' AND "leaseUntil" <= ${now})) ${onlyChannels}
      ORDER BY "availableAt"
      LIMIT ${limit}
      ${skipLocked}
    )
    AND (("status" = 'PENDING' AND "availableAt" <= ${now}) OR ("status" = 'SENDING' AND "leaseUntil" <= ${now}))
    RETURNING "id", "channel", "kind", "idempotencyKey", "recipient", "subject", "payload", "attempts"`);
}

/** Only the worker that holds the lease may settle a message: a worker whose lease ran out changes nothing. */
export async function settle(id: string, owner: string, data: Prisma.OutboxMessageUpdateManyMutationInput): Promise<boolean> {
  const { count } = await prisma.outboxMessage.updateMany({
    where: { id, leaseOwner: owner, status: "SENDING" },
    data: { ...data, leaseOwner: null, leaseUntil: null },
  });
  return count === 1;
}
