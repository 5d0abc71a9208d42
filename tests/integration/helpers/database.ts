/**
 * The few things tests do to the database beneath Baton, in each database's dialect (docs/decisions/018): inject a
 * real failure, list tables and triggers, read rows in the order they were written, write from another connection.
 */
import Database from "better-sqlite3";
import pg from "pg";
import { prisma } from "~/.server/db";
import { databaseKind } from "~/.server/database-url";

const url = () => process.env.DATABASE_URL!;
const onPostgres = () => databaseKind(url()) === "postgresql";

const FAILURE = "baton_test_failure";

/** Make the database itself abort inserts into `table` whose column `column` equals `value`. */
export async function failInserts(table: string, column: string, value: string) {
  const when = `NEW."${column}" = '${value.replace(/'/g, "''")}'`;
  if (onPostgres()) {
    await prisma.$executeRawUnsafe(`CREATE FUNCTION ${FAILURE}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$`);
    await prisma.$executeRawUnsafe(`CREATE TRIGGER ${FAILURE} BEFORE INSERT ON "${table}" FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION ${FAILURE}()`);
  } else {
    await prisma.$executeRawUnsafe(`CREATE TRIGGER ${FAILURE} BEFORE INSERT ON "${table}" WHEN ${when} BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
  }
}

/** Undo failInserts (nothing to do when none was made). */
export async function stopFailing(table: string) {
  if (onPostgres()) {
    await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS ${FAILURE} ON "${table}"`);
    await prisma.$executeRawUnsafe(`DROP FUNCTION IF EXISTS ${FAILURE}()`);
  } else {
    await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS ${FAILURE}`);
  }
}

/** Tables that have a column of this name. */
export async function tablesWithColumn(column: string): Promise<string[]> {
  const sql = onPostgres()
    ? `SELECT CAST(table_name AS TEXT) AS "name" FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = $1`
    : `SELECT m."name" FROM sqlite_master m WHERE m."type" = 'table' AND EXISTS (SELECT 1 FROM pragma_table_info(m."name") c WHERE c."name" = ?)`;
  return (await prisma.$queryRawUnsafe<{ name: string }[]>(sql, column)).map((r) => r.name);
}

/** Names of the triggers in the database. */
export async function triggerNames(): Promise<Set<string>> {
  const sql = onPostgres()
    ? `SELECT CAST(tgname AS TEXT) AS "name" FROM pg_trigger WHERE NOT tgisinternal`
    : `SELECT "name" FROM sqlite_master WHERE "type" = 'trigger'`;
  return new Set((await prisma.$queryRawUnsafe<{ name: string }[]>(sql)).map((r) => r.name));
}

/**
 * Ids of a table's rows in the order they were written. SQLite: rowid. PostgreSQL: the writing transaction's id,
 * then the row's place in the table (write transactions run one at a time, and these tables are only appended to).
 */
export async function idsInWrittenOrder(table: string): Promise<string[]> {
  const order = onPostgres() ? `xmin::text::bigint, ctid` : `rowid`;
  return (await prisma.$queryRawUnsafe<{ id: string }[]>(`SELECT "id" FROM "${table}" ORDER BY ${order}`)).map((r) => r.id);
}

/** Run one statement on a connection of its own, as another process would (`$1`, `$2`… placeholders). */
export async function writeFromAnotherConnection(sql: string, args: (string | number | Date | null)[]) {
  if (onPostgres()) {
    const client = new pg.Client({ connectionString: url() });
    await client.connect();
    try {
      await client.query(sql, args);
    } finally {
      await client.end();
    }
    return;
  }
  const db = new Database(url().replace(/^file:/, ""));
  try {
    db.prepare(sql.replace(/\$\d+/g, "?")).run(...args.map((a) => (a instanceof Date ? a.toISOString() : a)));
  } finally {
    db.close();
  }
}
