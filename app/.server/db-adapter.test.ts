import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BatonSQLite } from "./db-adapter";

type Adapter = Awaited<ReturnType<BatonSQLite["connect"]>>;

const q = (sql: string, ...args: string[]) => ({ sql, args, argTypes: args.map(() => ({ scalarType: "string" as const, arity: "scalar" as const })) });
const BUSY = /^The database is busy: waited 0\.1 s for a write turn \(a transaction has held it for [\d.]+ s\)/;

const opened: Adapter[] = [];
const folders: string[] = [];

/** A real SQLite file with a parent and a child table, through Baton's adapter with a 100 ms write-turn limit. */
async function fileDatabase() {
  const folder = mkdtempSync(join(tmpdir(), "baton-adapter-"));
  folders.push(folder);
  return connect(`file:${join(folder, "test.db")}`);
}

async function connect(url: string) {
  const db = await new BatonSQLite(url, { writeTurnTimeoutMs: 100 }).connect();
  opened.push(db);
  await db.executeScript(`CREATE TABLE parent (id TEXT PRIMARY KEY); CREATE TABLE child (id TEXT PRIMARY KEY, parentId TEXT NOT NULL REFERENCES parent(id));`);
  return db;
}

const ids = async (db: Adapter, table: string) => (await db.queryRaw(q(`SELECT id FROM ${table} ORDER BY id`))).rows.map((r) => r[0]);

afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.dispose()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe("waiting for the write turn", () => {
  it("fails a write that waits too long with a clear error; it never runs, and the next write goes through", { timeout: 5000 }, async () => {
    const db = await fileDatabase();
    const tx = await db.startTransaction();
    await tx.executeRaw(q("INSERT INTO parent (id) VALUES ('held')"));

    await expect(db.executeRaw(q("INSERT INTO parent (id) VALUES ('gave-up')"))).rejects.toThrow(BUSY);
    const next = db.executeRaw(q("INSERT INTO parent (id) VALUES ('next')"));
    await tx.executeRaw(q("COMMIT"));
    await tx.commit();

    await expect(next).resolves.toBe(1);
    expect(await ids(db, "parent")).toEqual(["held", "next"]);
  });

  it("fails a transaction that waits too long the same way, and leaves the queue", { timeout: 5000 }, async () => {
    const db = await fileDatabase();
    const holder = await db.startTransaction();

    await expect(db.startTransaction()).rejects.toThrow(BUSY);
    await expect(db.queryRaw(q("INSERT INTO parent (id) VALUES ('gave-up') RETURNING id"))).rejects.toThrow(BUSY);
    await holder.executeRaw(q("ROLLBACK"));
    await holder.rollback();

    const tx = await db.startTransaction();
    await tx.executeRaw(q("INSERT INTO parent (id) VALUES ('after')"));
    await tx.executeRaw(q("COMMIT"));
    await tx.commit();
    expect(await ids(db, "parent")).toEqual(["after"]);
  });

  it("releases the turn when COMMIT fails (a deferred foreign key), rolls the work back, and lets the next write in", { timeout: 5000 }, async () => {
    const db = await fileDatabase();
    const tx = await db.startTransaction();
    await tx.executeRaw(q("PRAGMA defer_foreign_keys = ON"));
    await tx.executeRaw(q("INSERT INTO parent (id) VALUES ('p')"));
    await tx.executeRaw(q("INSERT INTO child (id, parentId) VALUES ('orphan', 'missing')"));

    await expect(tx.executeRaw(q("COMMIT"))).rejects.toThrow("ForeignKeyConstraintViolation");
    await expect(db.executeRaw(q("INSERT INTO parent (id) VALUES ('next')"))).resolves.toBe(1);
    expect(await ids(db, "parent")).toEqual(["next"]);
    expect(await ids(db, "child")).toEqual([]);
  });

  it("refuses queries through a transaction that has ended, so none runs inside another request's turn", { timeout: 5000 }, async () => {
    const db = await fileDatabase();
    const tx = await db.startTransaction();
    await tx.executeRaw(q("COMMIT"));
    await tx.commit();
    const other = await db.startTransaction();

    await expect(tx.executeRaw(q("INSERT INTO parent (id) VALUES ('late')"))).rejects.toThrow(/already ended/);
    await other.executeRaw(q("ROLLBACK"));
    await other.rollback();
    expect(await ids(db, "parent")).toEqual([]);
  });
});

describe("which connection runs a statement", () => {
  it("answers reads SQLite calls read-only at once while a transaction holds the writer, from committed rows", { timeout: 5000 }, async () => {
    const db = await fileDatabase();
    await db.executeRaw(q("INSERT INTO parent (id) VALUES ('committed')"));
    const tx = await db.startTransaction();
    await tx.executeRaw(q("INSERT INTO parent (id) VALUES ('unfinished')"));

    const cte = await db.queryRaw(q(`WITH p AS (SELECT id FROM parent) SELECT id FROM p`));
    const commented = await db.queryRaw(q(`/* report */ SELECT id FROM parent WHERE id <> ?`, "x"));
    expect(cte.rows).toEqual([["committed"]]);
    expect(commented.rows).toEqual([["committed"]]);
    await tx.executeRaw(q("ROLLBACK"));
    await tx.rollback();
  });

  it("runs writes that return rows, and PRAGMAs that set a value, on the writer in turn", { timeout: 5000 }, async () => {
    const db = await fileDatabase();
    const tx = await db.startTransaction();
    const update = db.queryRaw(q(`WITH n AS (SELECT 'late' AS id) INSERT INTO parent (id) SELECT id FROM n RETURNING id`));
    await tx.executeRaw(q("INSERT INTO parent (id) VALUES ('first')"));
    await tx.executeRaw(q("COMMIT"));
    await tx.commit();

    expect((await update).rows).toEqual([["late"]]);
    expect(await ids(db, "parent")).toEqual(["first", "late"]);
    await db.queryRaw(q("PRAGMA busy_timeout = 1234"));
    expect((await db.queryRaw(q("PRAGMA busy_timeout"))).rows).toEqual([["1234"]]);
  });

  it("on an in-memory database, keeps a plain query out of someone else's open transaction", { timeout: 5000 }, async () => {
    const db = await connect(":memory:");
    const tx = await db.startTransaction();
    await tx.executeRaw(q("INSERT INTO parent (id) VALUES ('unfinished')"));

    const read = ids(db, "parent");
    await tx.executeRaw(q("ROLLBACK"));
    await tx.rollback();
    expect(await read).toEqual([]);
    await expect(db.executeRaw(q("INSERT INTO parent (id) VALUES ('next')"))).resolves.toBe(1);
    expect(await ids(db, "parent")).toEqual(["next"]);
  });
});
