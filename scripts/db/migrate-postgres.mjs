// Applies prisma/postgresql/migrations to a PostgreSQL database (docs/decisions/018). Prisma 6.19's migrate
// engine cannot read PostgreSQL's catalog through @prisma/adapter-pg (prisma/orm#27403), so Baton applies the
// generated SQL itself, recording it in Prisma's own `_prisma_migrations` table:
//  - a session-level advisory lock (Prisma's key) makes a second server wait instead of migrating alongside;
//  - each migration runs in one transaction (PostgreSQL's DDL is transactional): it lands whole or not at all;
//  - a migration already applied whose file changed since stops everything, as `prisma migrate deploy` would.
import { createHash, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { migrationNames, PG_MIGRATIONS } from "./schema-twin.mjs";

const LOCK_KEY = 72707369;
const checksum = (sql) => createHash("sha256").update(sql).digest("hex");

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/** Connect; a database that does not exist yet is created first (as SQLite creates its file). */
async function connectCreating(url, log) {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return client;
  } catch (error) {
    if (error?.code !== "3D000") throw error;
  }
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const maintenance = new pg.Client({ connectionString: admin.href });
  await maintenance.connect();
  try {
    log(`Creating database ${name} …`);
    await maintenance.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } catch (error) {
    // Another server created it meanwhile: "already exists", or the catalog's unique index when both raced.
    if (error?.code !== "42P04" && error?.code !== "23505") throw error;
  } finally {
    await maintenance.end();
  }
  const created = new pg.Client({ connectionString: url });
  await created.connect();
  return created;
}

/** Apply every migration the database lacks; returns the names applied. */
export async function migratePostgres(url, { dir = PG_MIGRATIONS, log = () => {} } = {}) {
  const client = await connectCreating(url, log);
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(CREATE_TABLE);
    const { rows } = await client.query(
      `SELECT "migration_name", "checksum" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
    );
    const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    const done = [];
    for (const name of migrationNames(dir)) {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      const sum = checksum(sql);
      if (applied.has(name)) {
        if (applied.get(name) !== sum) throw new Error(`Migration ${name} was changed after it was applied to this database.`);
        continue;
      }
      log(`Applying ${name} …`);
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "applied_steps_count") VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), sum, name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw new Error(`Migration ${name} failed and was rolled back: ${error instanceof Error ? error.message : String(error)}`);
      }
      done.push(name);
    }
    return done;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
