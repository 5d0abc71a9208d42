// npm run db:restore -- <file> --to postgresql://… [--replace]
// Loads an archive written by `npm run db:backup` (pg_dump's custom format) into a PostgreSQL database, creating
// the database when it is missing. One transaction: a restore that fails leaves the database as it was. A database
// that already holds tables is refused unless --replace, which drops and recreates what the archive contains
// (pg_restore --clean --if-exists). Ownership and grants are not restored: the user in --to owns everything.
// The archive carries Baton's migrations table, so `npm run db:migrate` then applies only what is newer.
// SQLite needs none of this: a backup there is the database file itself (README).
import { closeSync, existsSync, openSync, readSync } from "node:fs";
import pg from "pg";
import { countRows, libpqConnection, runTool, statusLine } from "./backup-postgres";
import { describeConnectionError, redactUrl } from "./connection-errors.mjs";

const USAGE = "Usage: npm run db:restore -- <file> --to postgresql://… [--replace]";
const SQLITE =
  "Restoring SQLite is copying the file: stop Baton, put the backup in place of the database in DATABASE_URL (deleting any -wal and -shm beside the old one), start Baton.";
const isPostgres = (url: string) => /^postgres(ql)?:\/\//i.test(url);

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

function parseArgs(args: string[]) {
  let to: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--to") to = args[++i];
    else if (arg.startsWith("--to=")) to = arg.slice("--to=".length);
    else rest.push(arg);
  }
  const unknown = rest.find((a) => a.startsWith("--") && a !== "--replace");
  if (unknown) fail(`Unknown option ${unknown}. ${USAGE}`, 2);
  return { file: rest.find((a) => !a.startsWith("--")), to, replace: rest.includes("--replace") };
}

/** The first bytes of the file: pg_dump's custom format starts with PGDMP, a SQLite database with its own header. */
function archiveKind(file: string) {
  const fd = openSync(file, "r");
  try {
    const head = Buffer.alloc(16);
    const read = readSync(fd, head, 0, 16, 0);
    const text = head.subarray(0, read).toString("latin1");
    return text.startsWith("PGDMP") ? "pg_dump" : text.startsWith("SQLite format 3") ? "sqlite" : "unknown";
  } finally {
    closeSync(fd);
  }
}

const say = (error: unknown, url: string) => describeConnectionError(error, url).replaceAll("DATABASE_URL", "--to");

/** Connect to `url`, creating the database first when it does not exist; tells whether it did. */
async function connectCreating(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    return { client, created: false };
  } catch (error) {
    if ((error as { code?: string } | null)?.code !== "3D000") throw new Error(say(error, url));
  }
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const maintenance = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: "/postgres" }).href, connectionTimeoutMillis: 10_000 });
  try {
    await maintenance.connect();
    await maintenance.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } catch (error) {
    throw new Error(`Could not create the database ${name} on ${redactUrl(url)}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await maintenance.end().catch(() => {});
  }
  const created = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await created.connect();
  return { client: created, created: true };
}

async function tablesIn(client: pg.ClientBase) {
  const { rows } = await client.query<{ count: string }>(
    `SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'`,
  );
  return Number(rows[0]?.count ?? 0);
}

async function migrationsIn(client: pg.ClientBase) {
  const { rows } = await client.query<{ present: boolean }>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`);
  if (!rows[0]?.present) return "no migrations table (not a Baton database?)";
  const { rows: applied } = await client.query<{ count: string }>(
    `SELECT count(*) FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
  );
  return `${applied[0]?.count} migrations applied`;
}

async function main() {
  const { file, to, replace } = parseArgs(process.argv.slice(2));
  const target = to ?? process.env.DATABASE_URL ?? "file:./data/baton.db";
  if (!isPostgres(target)) fail(SQLITE, 2);
  if (!file || !to) fail(`${USAGE}\n(A restore never defaults to DATABASE_URL: name the database it goes into.)`, 2);
  if (!existsSync(file)) fail(`There is no file ${file}.`);
  const kind = archiveKind(file);
  if (kind === "sqlite") fail(`${file} is a SQLite database. ${SQLITE}`, 2);
  if (kind !== "pg_dump") fail(`${file} is not a backup from npm run db:backup (pg_dump's custom format).`);

  const started = performance.now();
  const where = redactUrl(to);
  const { client, created } = await connectCreating(to);
  try {
    const tables = await tablesIn(client);
    if (tables > 0 && !replace) {
      fail(`${where} already holds ${tables} tables: restore into a new database, or add --replace to replace what the backup contains (stop Baton first).`);
    }
  } finally {
    await client.end().catch(() => {});
  }

  console.log(`Restoring ${file} → ${where}${created ? " (created)" : ""}${replace ? ", replacing its contents" : ""} …`);
  const { dbname, env } = libpqConnection(to);
  const status = statusLine();
  let loaded = 0;
  try {
    await runTool(
      "pg_restore",
      ["--single-transaction", "--no-owner", "--no-privileges", "--verbose", ...(replace ? ["--clean", "--if-exists"] : []), `--dbname=${dbname}`, file],
      env,
      (line) => {
        if (/processing data for table/.test(line)) status.update(`${++loaded} tables loaded …`);
      },
    );
  } finally {
    status.clear();
  }

  const check = new pg.Client({ connectionString: to, connectionTimeoutMillis: 10_000 });
  await check.connect();
  try {
    await check.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const counts = await countRows(check);
    const migrations = await migrationsIn(check);
    await check.query("COMMIT");
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Restored: ${where} (${counts}; ${migrations}) in ${seconds}s.`);
    console.log(`Point DATABASE_URL at it and start Baton; npm run db:migrate applies any migration newer than the backup.`);
  } finally {
    await check.end().catch(() => {});
  }
}

try {
  await main();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
