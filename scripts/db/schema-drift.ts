// npm test's check that the schema and its migrations have not drifted apart: the SQLite migrations build what
// prisma/schema.prisma declares, and (docs/decisions/018) the PostgreSQL schema is
// exactly what the SQLite one generates, the newest SQLite migration has its twin, and the PostgreSQL migrations
// build the same database (tables, columns, types, defaults, keys, indexes, enums, triggers, rows) as the schema
// itself plus the triggers and rows the SQLite migrations add by hand.
// Usage: node --import tsx scripts/db/schema-drift.ts   (uses BATON_PG_URL, or starts a throwaway server)
import Database from "better-sqlite3";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { migrationsAgainstSchema } from "./sqlite-fingerprint";
import { migratePostgres } from "./migrate-postgres.mjs";
import { startCluster } from "./postgres-cluster.mjs";
import {
  extrasSql,
  migrationNames,
  PG_MIGRATIONS,
  PG_SCHEMA,
  postgresSchema,
  schemaDiffSql,
  SQLITE_MIGRATIONS,
  SQLITE_SCHEMA,
  sqliteExtras,
} from "./schema-twin.mjs";

const problems: string[] = [];

if (readFileSync(PG_SCHEMA, "utf8") !== postgresSchema(readFileSync(SQLITE_SCHEMA, "utf8"))) {
  problems.push(`${PG_SCHEMA} is not what prisma/schema.prisma generates: write the migration with npm run db:migration (or npm run db:twin).`);
}
const sqliteNames = migrationNames(SQLITE_MIGRATIONS);
const pgNames = migrationNames(PG_MIGRATIONS);
for (const difference of migrationsAgainstSchema(
  () => new Database(":memory:"),
  sqliteNames.map((name) => readFileSync(join(SQLITE_MIGRATIONS, name, "migration.sql"), "utf8")),
  schemaDiffSql(null, SQLITE_SCHEMA),
)) {
  problems.push(`The SQLite migrations and prisma/schema.prisma differ — ${difference}: write the missing migration (npm run db:migration).`);
}
if (!pgNames.includes(sqliteNames.at(-1)!)) problems.push(`The newest SQLite migration ${sqliteNames.at(-1)} has no PostgreSQL twin: run npm run db:twin.`);
for (const name of pgNames) if (!sqliteNames.includes(name)) problems.push(`The PostgreSQL migration ${name} has no SQLite migration of that name.`);

const CATALOG = {
  columns: `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY 1, 2`,
  constraints: `SELECT conrelid::regclass::text AS t, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid <> 0 AND conrelid::regclass::text <> '_prisma_migrations' ORDER BY 1, 2`,
  indexes: `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1, 2`,
  enums: `SELECT t.typname, e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid ORDER BY t.typname, e.enumsortorder`,
  triggers: `SELECT tgname, pg_get_triggerdef(t.oid) AS def, p.prosrc FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid WHERE NOT tgisinternal ORDER BY 1`,
};

async function fingerprint(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out: Record<string, unknown> = {};
    for (const [name, sql] of Object.entries(CATALOG)) out[name] = (await client.query(sql)).rows;
    const tables = (await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1`)).rows;
    const rows: Record<string, unknown[]> = {};
    for (const { tablename } of tables) {
      const found = (await client.query(`SELECT * FROM "${tablename}"`)).rows;
      if (found.length) rows[tablename] = found;
    }
    out.rows = rows;
    return out;
  } finally {
    await client.end();
  }
}

async function admin(serverUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const on = (serverUrl: string, database: string) => Object.assign(new URL(serverUrl), { pathname: `/${database}` }).href;

if (problems.length === 0) {
  const cluster = process.env.BATON_PG_URL ? null : await startCluster();
  const server = process.env.BATON_PG_URL ?? cluster!.url("postgres");
  const fromMigrations = `drift_migrations_${process.pid}`;
  const fromSchema = `drift_schema_${process.pid}`;
  try {
    for (const db of [fromMigrations, fromSchema]) await admin(server, `DROP DATABASE IF EXISTS ${db}`);
    await migratePostgres(on(server, fromMigrations));
    await admin(server, `CREATE DATABASE ${fromSchema}`);
    const build = schemaDiffSql(null, PG_SCHEMA) + "\n" + extrasSql({ triggers: [], rows: [] }, sqliteExtras(undefined));
    await admin(on(server, fromSchema), build);
    const [a, b] = [await fingerprint(on(server, fromMigrations)), await fingerprint(on(server, fromSchema))];
    for (const part of Object.keys(a)) {
      const [x, y] = [JSON.stringify(a[part]), JSON.stringify(b[part])];
      if (x !== y)
        problems.push(
          `The PostgreSQL migrations and the schema differ in their ${part}: write the missing migration (npm run db:migration) or regenerate the twin (npm run db:twin -- --replace).`,
        );
    }
  } finally {
    for (const db of [fromMigrations, fromSchema]) await admin(server, `DROP DATABASE IF EXISTS ${db}`).catch(() => {});
    cluster?.stop();
  }
}

if (problems.length > 0) {
  for (const p of problems) console.error(`✗ ${p}`);
  process.exit(1);
}
console.log(
  `prisma/schema.prisma matches its ${sqliteNames.length} SQLite migrations; the PostgreSQL schema and its ${pgNames.length} migration(s) match them too.`,
);
