// npm run db:copy -- --to postgresql://user:password@host:5432/baton [--from file:./data/baton.db] [--replace]
// Moves a Baton from SQLite to PostgreSQL (docs/decisions/018): migrates the target, then copies every table in one
// transaction and commits only when each table's row count and checksum equal the source's. An interruption leaves
// the target's tables as they were plus a mark (scripts/db/copy-marker.mjs) that stops Baton from starting on it.
import Database from "better-sqlite3";
import cliProgress from "cli-progress";
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import pg from "pg";
import { describeConnectionError, redactUrl } from "./connection-errors.mjs";
import { clearCopyMark, markCopyStarted } from "./copy-marker.mjs";
import { migratePostgres } from "./migrate-postgres.mjs";
import { sqliteExtras } from "./schema-twin.mjs";
import { CopyError, kindOf, q, rowChecksum, rowRenderer, type Checked, type Table } from "./copy/format";
import { copyInto, copyLines } from "./copy/stream";

const plural = (n: number, what: string) => `${n.toLocaleString("en-GB")} ${what}${n === 1 ? "" : "s"}`;
const USAGE = "Usage: npm run db:copy -- --to postgresql://user:password@host:5432/baton [--from file:./data/baton.db] [--replace]";
/** Rows rendered between two writes to COPY … FROM: a megabyte or so. */
const BATCH_ROWS = 5000;
/** Baton's tables: the catalog's ordinary tables in the current schema, without the migrations' and the copy's own. */
const BATON_TABLES = "c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND c.relname NOT IN ('_prisma_migrations', '_baton_copy')";

/** Baton's tables and their columns, read from the target's catalog. */
async function readTables(client: pg.Client): Promise<Table[]> {
  const { rows } = await client.query<{ table: string; column: string; type: string; is_enum: boolean; sequenced: boolean }>(
    `SELECT c.relname AS "table", a.attname AS "column", format_type(a.atttypid, a.atttypmod) AS "type", t.typtype = 'e' AS "is_enum",
       pg_get_serial_sequence(format('%I', c.relname), a.attname) IS NOT NULL AS "sequenced"
     FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped JOIN pg_type t ON t.oid = a.atttypid
     WHERE ${BATON_TABLES} ORDER BY c.relname, a.attnum`,
  );
  const tables = new Map<string, Table>();
  for (const r of rows) {
    // Baton's ids are cuids; a sequence would need moving past the copied rows, which db:copy does not do.
    if (r.sequenced) throw new CopyError(`${r.table}.${r.column} takes its values from a sequence, which db:copy does not carry over yet.`);
    const table = tables.get(r.table) ?? { name: r.table, columns: [] };
    table.columns.push({ name: r.column, type: r.type, kind: kindOf(r.type, r.is_enum, `${r.table}.${r.column}`) });
    tables.set(r.table, table);
  }
  return [...tables.values()];
}

/** The newest migration a database has finished, from Prisma's `_prisma_migrations` (null when there is none). */
function newestSqliteMigration(db: Database.Database): string | null {
  const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get();
  if (!exists) return null;
  const newest = db.prepare(`SELECT max(migration_name) FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`).pluck().get();
  return typeof newest === "string" ? newest : null;
}

async function newestPostgresMigration(client: pg.Client): Promise<string | null> {
  const { rows } = await client.query<{ newest: string | null }>(
    `SELECT max("migration_name") AS "newest" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
  );
  return rows[0]?.newest ?? null;
}

/** The source has the schema the target was just migrated to: the same newest migration and the same tables. */
function checkSameSchema(db: Database.Database, from: string, sourceMigration: string, targetMigration: string | null, tables: Table[]) {
  if (targetMigration && sourceMigration < targetMigration) {
    throw new CopyError(`${from} is at migration ${sourceMigration}, but this version of Baton is at ${targetMigration}: ${migrateFirst(from)}.`);
  }
  if (sourceMigration !== targetMigration) {
    throw new CopyError(`${from} has migration ${sourceMigration}, which this version of Baton does not know: copy with the Baton that wrote it.`);
  }
  const sourceTables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`)
    .pluck()
    .all();
  const targetTables: unknown[] = tables.map((t) => t.name);
  const differing = [...sourceTables.filter((n) => !targetTables.includes(n)), ...targetTables.filter((n) => !sourceTables.includes(n))];
  if (differing.length > 0) throw new CopyError(`${from} and the PostgreSQL schema differ in the tables ${differing.join(", ")}: is it a Baton database?`);
}

const migrateFirst = (from: string) => `run DATABASE_URL=${from} npm run db:migrate first, then copy again`;

/** Tables holding any row beyond those the migrations themselves insert (the one ViewGeneration row). */
async function tablesWithData(client: pg.Client, tables: Table[], migration: string): Promise<string[]> {
  const extras = sqliteExtras(migration).rows;
  const found: string[] = [];
  for (const t of tables) {
    const seeds = rowChecksum();
    const render = rowRenderer(t);
    for (const { table, row } of extras) {
      const values = new Map<string, unknown>(Object.entries(Object(row)));
      if (table === t.name) seeds.add(render(t.columns.map((c) => values.get(c.name))));
    }
    const seeded = seeds.result();
    const { rows } = await client.query<{ rows: number }>(`SELECT count(*)::int AS "rows" FROM (SELECT FROM ${q(t.name)} LIMIT $1) AS r`, [seeded.rows + 1]);
    const held = rows[0]?.rows ?? 0;
    if (held > seeded.rows || (held > 0 && (await targetChecksum(client, t)).sum !== seeded.sum)) found.push(t.name);
  }
  return found;
}

/**
 * Drop the keys, indexes and foreign keys of Baton's tables for the load; returns the statements that rebuild them
 * afterwards (as pg_restore does): building an index once from all rows is many times faster than row by row, and
 * without foreign keys during the load the tables and a person's manager need no particular order.
 */
async function dropKeysAndIndexes(client: pg.Client): Promise<string[]> {
  const { rows: constraints } = await client.query<{ table: string; name: string; type: string; definition: string }>(
    `SELECT c.relname AS "table", k.conname AS "name", k.contype AS "type", pg_get_constraintdef(k.oid) AS "definition"
     FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid WHERE k.contype IN ('p', 'u', 'f') AND ${BATON_TABLES}`,
  );
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `SELECT x.relname AS "name", pg_get_indexdef(i.indexrelid) AS "definition" FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
     JOIN pg_class x ON x.oid = i.indexrelid WHERE ${BATON_TABLES}
     AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x'))`,
  );
  const foreign = constraints.filter((k) => k.type === "f");
  const keys = constraints.filter((k) => k.type !== "f");
  for (const k of [...foreign, ...keys]) await client.query(`ALTER TABLE ${q(k.table)} DROP CONSTRAINT ${q(k.name)}`);
  for (const i of indexes) await client.query(`DROP INDEX ${q(i.name)}`);
  const add = (k: (typeof constraints)[number]) => `ALTER TABLE ${q(k.table)} ADD CONSTRAINT ${q(k.name)} ${k.definition}`;
  return [...keys.map(add), ...indexes.map((i) => i.definition), ...foreign.map(add)];
}

/** Progress across all tables: a bar on a terminal, one line per table otherwise (logs, CI, tests). */
function progressReporter(total: number) {
  const tty = Boolean(process.stderr.isTTY);
  const bar = new cliProgress.SingleBar(
    { format: "Copying [{bar}] {percentage}% | {step} | {duration_formatted}", hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  // Each row counts twice: once copied, once read back for its checksum.
  if (tty) bar.start(total * 2, 0, { step: "" });
  return {
    advance: (rows: number, step: string) => tty && bar.increment(rows, { step }),
    done: (line: string) => (tty ? bar.update({ step: line }) : console.log(`  ${line}`)),
    stop: () => tty && bar.stop(),
  };
}
type Progress = ReturnType<typeof progressReporter>;

const copyColumns = (table: Table) => `${q(table.name)} (${table.columns.map((c) => q(c.name)).join(", ")})`;

/** Load one table's rows with one COPY, hashing each row's text as it goes. */
async function copyTable(client: pg.Client, db: Database.Database, table: Table, progress: Progress): Promise<Checked> {
  const select = db.prepare(`SELECT ${table.columns.map((c) => q(c.name)).join(", ")} FROM ${q(table.name)}`).raw(true);
  const checksum = rowChecksum();
  const render = rowRenderer(table);
  const copy = copyInto(client, `COPY ${copyColumns(table)} FROM STDIN`);
  let batch: string[] = [];
  const send = async () => {
    await copy.write(Buffer.from(`${batch.join("\n")}\n`));
    progress.advance(batch.length, `${table.name}: copying`);
    batch = [];
  };
  for (const raw of select.iterate() as Iterable<unknown[]>) {
    const row = render(raw);
    checksum.add(row);
    batch.push(row);
    if (batch.length === BATCH_ROWS) await send();
  }
  if (batch.length > 0) await send();
  await copy.end();
  return checksum.result();
}

/** The same checksum over the rows PostgreSQL holds, as COPY … TO writes them. */
async function targetChecksum(client: pg.Client, table: Table, progress?: Progress): Promise<Checked> {
  const checksum = rowChecksum();
  let unreported = 0;
  const row = (text: string) => {
    checksum.add(text);
    if (++unreported === 10_000) {
      progress?.advance(unreported, `${table.name}: checking`);
      unreported = 0;
    }
  };
  await copyLines(client, `COPY ${copyColumns(table)} TO STDOUT`, row);
  progress?.advance(unreported, `${table.name}: checking`);
  return checksum.result();
}

/** Tests interrupt a copy halfway through this hook (tests/integration/db-copy.test.ts); it is not for users. */
async function pauseForTests(table: string) {
  if (process.env.BATON_COPY_PAUSE_AFTER_TABLE !== table) return;
  console.log(`Paused after ${table} (BATON_COPY_PAUSE_AFTER_TABLE).`);
  await new Promise(() => setInterval(() => {}, 60_000));
}

/** Replace the target's rows with the source's in one transaction; returns the rows copied. */
async function copyAll(client: pg.Client, db: Database.Database, tables: Table[]): Promise<number> {
  const rowsIn = (t: Table) => {
    const sql = `SELECT count(*) FROM ${q(t.name)}`;
    return Number(db.prepare(sql).pluck().get());
  };
  const total = tables.reduce((sum, t) => sum + rowsIn(t), 0);
  const progress = progressReporter(total);
  await client.query("BEGIN");
  try {
    await client.query("SET LOCAL maintenance_work_mem = '256MB'");
    // The copied values must stay exactly as in the source: no trigger may bump a view version while rows go in.
    for (const t of tables) await client.query(`ALTER TABLE ${q(t.name)} DISABLE TRIGGER USER`);
    const rebuild = await dropKeysAndIndexes(client);
    await client.query(`TRUNCATE ${tables.map((t) => q(t.name)).join(", ")}`);
    for (const table of tables) {
      const started = performance.now();
      const source = await copyTable(client, db, table, progress);
      const target = await targetChecksum(client, table, progress);
      if (source.rows !== target.rows || source.sum !== target.sum) {
        throw new CopyError(
          `${table.name} differs after copying (${source.rows} rows in the source, ${target.rows} in the copy, checksums ${source.sum} and ${target.sum}): nothing was committed.`,
        );
      }
      progress.done(`${table.name}: ${plural(source.rows, "row")} copied, checksum equal (${seconds(started)} s)`);
      await pauseForTests(table.name);
    }
    const rebuilding = performance.now();
    progress.done("rebuilding keys, indexes and foreign keys");
    for (const statement of rebuild) await client.query(statement);
    progress.done(`keys, indexes and foreign keys rebuilt (${seconds(rebuilding)} s)`);
    for (const t of tables) await client.query(`ALTER TABLE ${q(t.name)} ENABLE TRIGGER USER`);
    await clearCopyMark(client);
    await client.query("COMMIT");
    return total;
  } catch (error) {
    // A failure seen here rolls back completely: the target is as it was, so it needs no mark either.
    await client
      .query("ROLLBACK")
      .then(() => clearCopyMark(client))
      .catch(() => {});
    throw error;
  } finally {
    progress.stop();
  }
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

function parseOptions(argv: string[]) {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { from: { type: "string" }, to: { type: "string" }, replace: { type: "boolean" } } }));
  } catch {
    throw new CopyError(USAGE);
  }
  const from = values.from ?? "file:./data/baton.db";
  const to = values.to;
  if (!to) throw new CopyError(USAGE);
  if (!from.startsWith("file:")) throw new CopyError(`--from must be a SQLite database (file:./data/baton.db), not "${redactUrl(from)}".`);
  if (!/^postgres(ql)?:\/\//i.test(to))
    throw new CopyError(`--to must be a PostgreSQL URL (postgresql://user:password@host:5432/baton), not "${redactUrl(to)}".`);
  return { from, to, replace: values.replace ?? false };
}

function openSource(from: string) {
  const file = from.replace(/^file:/, "");
  if (!existsSync(file)) throw new CopyError(`There is no database at ${file} (--from ${from}).`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  let migration: string | null;
  try {
    // One read transaction: the copy is a single snapshot even while Baton keeps writing to the source.
    db.exec("BEGIN");
    migration = newestSqliteMigration(db);
  } catch (error) {
    db.close();
    throw new CopyError(`${file} is not a SQLite database Baton can read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!migration) {
    db.close();
    throw new CopyError(`${from} is not a migrated Baton database (it has no finished migrations): ${migrateFirst(from)}.`);
  }
  return { db, migration };
}

/** Connection failures as db-migrate words them, naming the option instead of DATABASE_URL. */
const unreachable = (error: unknown, to: string) => new CopyError(describeConnectionError(error, to).replace("DATABASE_URL", "--to"));

async function main(argv: string[]) {
  const { from, to, replace } = parseOptions(argv);
  const source = openSource(from);
  const started = performance.now();
  const client = new pg.Client({ connectionString: to, connectionTimeoutMillis: 10_000 });
  // A lost connection also fails the statement under way, which reports it; unheard, this event would crash Node.
  client.on("error", () => {});
  try {
    console.log(`Migrating ${redactUrl(to)} …`);
    await migratePostgres(to, { log: (...line: string[]) => console.log(`  ${line.join(" ")}`) }).catch((error: unknown) =>
      Promise.reject(unreachable(error, to)),
    );
    await client.connect().catch((error: unknown) => Promise.reject(unreachable(error, to)));
    // COPY writes dates by DateStyle: ISO is the form rowRenderer writes for the checksums.
    await client.query("SET DateStyle = 'ISO'");
    const tables = await readTables(client);
    checkSameSchema(source.db, from, source.migration, await newestPostgresMigration(client), tables);
    const holding = replace ? [] : await tablesWithData(client, tables, source.migration);
    if (holding.length > 0) {
      const named = holding.length > 3 ? `${holding.slice(0, 3).join(", ")} and ${holding.length - 3} more tables` : holding.join(", ");
      throw new CopyError(`${redactUrl(to)} already holds Baton data (${named}): add --replace to replace it with the copy, or choose an empty database.`);
    }
    console.log(`Copying ${from} → ${redactUrl(to)} …`);
    await markCopyStarted(client, from);
    const rows = await copyAll(client, source.db, tables);
    console.log(
      `Copied ${plural(tables.length, "table")}, ${plural(rows, "row")} in ${seconds(started)} s; every table's row count and checksum equal the source's.`,
    );
  } finally {
    source.db.close();
    await client.end().catch(() => {});
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const detail = error instanceof pg.DatabaseError && error.detail ? ` (${error.detail})` : "";
  console.error(error instanceof CopyError ? message : `db:copy failed, and nothing was committed: ${message}${detail}`);
  process.exitCode = 1;
});
