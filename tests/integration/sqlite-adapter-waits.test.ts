/**
 * Baton's SQLite adapter under Prisma's own transaction handling (docs/decisions/022): Prisma awaits the adapter's
 * startTransaction however long it takes and checks `maxWait` only afterwards, and rolls back a transaction that
 * outlives its `timeout`. Each case ends with an ordinary write, which would wait forever if the turn had leaked.
 */
import { afterEach, describe, expect, it } from "vitest";
import { BatonSQLite } from "~/.server/db-adapter";
import { PrismaClient } from "~/generated/prisma/client";
import { freshDatabaseFile } from "./helpers/processes";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function client(writeTurnTimeoutMs: number) {
  const database = freshDatabaseFile("sqlite-adapter");
  const prisma = new PrismaClient({ adapter: new BatonSQLite(database.url, { writeTurnTimeoutMs }) });
  cleanup.push(database.remove, () => prisma.$disconnect());
  return prisma;
}

const audit = (prisma: PrismaClient, action: string) => prisma.auditEvent.create({ data: { action } });
const actions = async (prisma: PrismaClient) => (await prisma.auditEvent.findMany({ orderBy: { action: "asc" } })).map((a) => a.action);

/** A transaction that holds the write turn until `end` is called. */
function holdWriter(prisma: PrismaClient) {
  let end!: () => void;
  const ended = new Promise<void>((resolve) => (end = resolve));
  let started!: () => void;
  const holding = new Promise<void>((resolve) => (started = resolve));
  const done = prisma.$transaction(
    async (tx) => {
      await tx.auditEvent.create({ data: { action: "held" } });
      started();
      await ended;
    },
    { timeout: 10_000 },
  );
  return { holding, end, done };
}

describe("Baton's SQLite adapter under Prisma", () => {
  it("fails a write queued behind a long transaction with 'The database is busy', and writes again once it ends", { timeout: 10_000 }, async () => {
    const prisma = client(100);
    const holder = holdWriter(prisma);
    await holder.holding;

    await expect(audit(prisma, "gave-up")).rejects.toThrow(/The database is busy: waited 0\.1 s for a write turn \(a transaction has held it/);
    holder.end();
    await holder.done;
    await audit(prisma, "next");
    expect(await actions(prisma)).toEqual(["held", "next"]);
  });

  it("rolls back a transaction that outlives Prisma's timeout and releases the turn", { timeout: 10_000 }, async () => {
    const prisma = client(5000);
    const slow = prisma.$transaction(
      async (tx) => {
        await tx.auditEvent.create({ data: { action: "too-slow" } });
        await sleep(300);
      },
      { timeout: 50 },
    );

    await expect(slow).rejects.toThrow(/expired transaction/);
    await audit(prisma, "next");
    expect(await actions(prisma)).toEqual(["next"]);
  });

  it("releases the turn of a transaction Prisma abandons because its maxWait passed while it queued", { timeout: 10_000 }, async () => {
    const prisma = client(5000);
    const holder = holdWriter(prisma);
    await holder.holding;
    const late = prisma.$transaction((tx) => tx.auditEvent.create({ data: { action: "late" } }), { maxWait: 50 });

    await sleep(200);
    holder.end();
    await holder.done;
    await expect(late).rejects.toThrow(/Unable to start a transaction in the given time/);
    await audit(prisma, "next");
    expect(await actions(prisma)).toEqual(["held", "next"]);
  });

  it("releases the turn when COMMIT fails, keeps nothing of the transaction, and writes again", { timeout: 10_000 }, async () => {
    const prisma = client(5000);
    const failing = prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("PRAGMA defer_foreign_keys = ON");
      await tx.auditEvent.create({ data: { action: "in-failed-commit" } });
      await tx.session.create({ data: { id: "orphan", personId: "nobody", expiresAt: new Date("2030-01-01T00:00:00Z") } });
    });

    await expect(failing).rejects.toThrow("ForeignKeyConstraintViolation");
    await audit(prisma, "next");
    expect(await actions(prisma)).toEqual(["next"]);
    expect(await prisma.session.count()).toBe(0);
  });
});
