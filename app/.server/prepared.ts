/**
 * Prepared reads for the hottest paths (docs/decisions/014): SQL written once, compiled once, run with no
 * Prisma query planning on the request path. Everything else goes through Prisma.
 *
 * On an SQLite file, the reads run on a connection of their own (read-only, WAL: the last committed state,
 * never someone's open transaction), each statement prepared once per process. Anywhere else (PostgreSQL,
 * an in-memory database) the same SQL runs through Prisma's raw query, which skips the query compiler.
 * Write the SQL portably: double-quoted identifiers, `$1`, `$2`… in the order the arguments are given.
 */
import Database from "better-sqlite3";
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
  reader = file ? sqliteReader(url, file) : prismaReader(url);
  return reader;
}

/** A read that returns rows; `map` turns a raw row (driver types) into the typed result. */
export function preparedRead<Args extends Value[], Result>(sql: string, map: (row: Row) => Result) {
  return async (...args: Args): Promise<Result[]> => (await currentReader().all(sql, args)).map(map);
}

/** For tests: the same SQL through Prisma's raw query, as on PostgreSQL. */
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
