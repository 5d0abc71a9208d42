/**
 * Prepared reads for the hottest paths (docs/decisions/014): SQL written once, compiled once, run with no
 * Prisma query planning on the request path. Everything else goes through Prisma.
 *
 * On an SQLite file, the reads run on a connection of their own (read-only, WAL: the last committed state,
 * never someone's open transaction), each statement prepared once per process. On PostgreSQL they run on a small
 * pool of their own as named prepared statements (prepared once per connection; docs/decisions/018). In an
 * in-memory database (and in tests that ask) the same SQL runs through Prisma's raw query.
 * Write the SQL portably: double-quoted identifiers, `$1`, `$2`… in the order the arguments are given.
 */
import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import pg from "pg";
import { databaseKind } from "./database-url";
import { prisma } from "./db";
import { BUSY_TIMEOUT_MS } from "./db-adapter";
import { getEnv } from "./env";

type Value = string | number | null;
type Row = Record<string, unknown>;

type Reader = { url: string; all(sql: string, args: Value[]): Promise<Row[]>; close(): void };

function sqliteFile(url: string): string | null {
  const file = url.replace(/^file:/, "");
  if (!url.startsWith("file:") || file === ":memory:" || file.startsWith("file:")) return null;
  return file.split("?")[0]!;
}

function sqliteReader(url: string, file: string): Reader {
  const db = new Database(file, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  db.pragma("query_only = ON");
  const statements = new Map<string, Database.Statement>();
  return {
    url,
    async all(sql, args) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = db.prepare(sql.replace(/\$\d+/g, "?"));
        statements.set(sql, statement);
      }
      return statement.all(...args) as Row[];
    },
    close: () => db.close(),
  };
}

// PostgreSQL's `timestamp` has no zone; Baton stores UTC (as Prisma does), so read it as UTC, not local time.
const TIMESTAMP_OID = 1114;
const utcTimestamp = (text: string) => new Date(`${text.replace(" ", "T")}Z`);

function postgresReader(url: string): Reader {
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    allowExitOnIdle: true,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === TIMESTAMP_OID ? utcTimestamp : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server ends (a restart, a failover) is replaced on the next read: never a crash.
  pool.on("error", (error) => console.error("prepared reads: a PostgreSQL connection ended", error.message));
  const names = new Map<string, string>();
  const nameOf = (sql: string) => {
    let name = names.get(sql);
    if (!name) names.set(sql, (name = `baton_${createHash("sha1").update(sql).digest("hex").slice(0, 16)}`));
    return name;
  };
  return {
    url,
    async all(sql, args) {
      return (await pool.query<Row>({ name: nameOf(sql), text: sql, values: args })).rows;
    },
    close: () => void pool.end(),
  };
}

function prismaReader(url: string): Reader {
  const sqlite = url.startsWith("file:");
  return {
    url,
    all: (sql, args) => prisma.$queryRawUnsafe<Row[]>(sqlite ? sql.replace(/\$\d+/g, "?") : sql, ...args),
    close: () => {},
  };
}

let reader: Reader | null = null;

function currentReader(): Reader {
  const url = getEnv().DATABASE_URL;
  if (reader?.url === url) return reader;
  reader?.close();
  const file = sqliteFile(url);
  reader = file ? sqliteReader(url, file) : databaseKind(url) === "postgresql" ? postgresReader(url) : prismaReader(url);
  return reader;
}

/** A read that returns rows; `map` turns a raw row (driver types) into the typed result. */
export function preparedRead<Args extends Value[], Result>(sql: string, map: (row: Row) => Result) {
  return async (...args: Args): Promise<Result[]> => (await currentReader().all(sql, args)).map(map);
}

/** Close this process's prepared-read connections (tests, before their database is dropped). */
export function closePreparedReads() {
  reader?.close();
  reader = null;
}

/** For tests: the same SQL through Prisma's raw query (what the prepared reader must equal). */
export function readThroughPrisma(on: boolean) {
  reader?.close();
  reader = on ? prismaReader(getEnv().DATABASE_URL) : null;
}

/** Driver values to typed values: SQLite gives dates as ISO text and may give numbers as bigint. */
export const column = {
  date: (value: unknown): Date | null => (value === null || value === undefined ? null : value instanceof Date ? value : new Date(String(value))),
  number: (value: unknown): number => Number(value ?? 0),
  text: (value: unknown): string | null => (value === null || value === undefined ? null : String(value)),
};
