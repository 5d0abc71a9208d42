// The PostgreSQL twin of Baton's schema, generated from the SQLite one (docs/decisions/018): prisma/schema.prisma
// and prisma/migrations are the only hand-written schema; prisma/postgresql/ is written by this module.
//   npm run db:twin              write the PostgreSQL migration for the newest SQLite migration, if it has none
//   npm run db:twin -- --replace write it again (only while it is not committed yet)
import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const SQLITE_SCHEMA = join("prisma", "schema.prisma");
export const SQLITE_MIGRATIONS = join("prisma", "migrations");
export const PG_DIR = join("prisma", "postgresql");
export const PG_SCHEMA = join(PG_DIR, "schema.prisma");
export const PG_CONFIG = join(PG_DIR, "prisma.config.ts");
export const PG_MIGRATIONS = join(PG_DIR, "migrations");

const HEADER = "// GENERATED from prisma/schema.prisma by scripts/db/schema-twin.mjs (npm run db:twin). Do not edit: edit the SQLite schema.\n";

/** The PostgreSQL schema: the SQLite schema with another provider and client folder, nothing else. */
export function postgresSchema(sqliteSchema) {
  const provider = /provider\s*=\s*"sqlite"/;
  const output = /output\s*=\s*"\.\.\/app\/generated\/prisma"/;
  if (!provider.test(sqliteSchema) || !output.test(sqliteSchema))
    throw new Error('prisma/schema.prisma: expected provider "sqlite" and output "../app/generated/prisma"');
  return HEADER + sqliteSchema.replace(provider, 'provider = "postgresql"').replace(output, 'output = "../../app/generated/prisma-pg"');
}

/** Names of migration folders, oldest first. */
export function migrationNames(dir) {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((d) => /^\d{14}_/.test(d))
        .sort()
    : [];
}

/**
 * What the SQLite migrations up to `last` leave in a fresh database beyond the tables Prisma's schema describes:
 * triggers (with their SQL) and rows (e.g. the one ViewGeneration row).
 */
export function sqliteExtras(last) {
  const db = new Database(":memory:");
  try {
    for (const name of migrationNames(SQLITE_MIGRATIONS).filter((n) => last === undefined || n <= last)) {
      db.exec(readFileSync(join(SQLITE_MIGRATIONS, name, "migration.sql"), "utf8"));
    }
    const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all();
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();
    const rows = [];
    for (const table of tables) {
      for (const row of db.prepare(`SELECT * FROM "${table}"`).all()) rows.push({ table, row });
    }
    return { triggers, rows };
  } finally {
    db.close();
  }
}

const TRIGGER = /^CREATE TRIGGER "([^"]+)" AFTER (INSERT|UPDATE|DELETE)( OF "[^"]+")? ON "([^"]+)"(?: WHEN (.+?))? BEGIN (.+;) END$/s;

/**
 * One SQLite trigger as PostgreSQL's function + trigger pair. Only the shape Baton writes is accepted (AFTER a
 * write, FOR EACH ROW, one body of plain statements); anything else fails here rather than in production.
 */
export function postgresTrigger(sql) {
  const m = TRIGGER.exec(sql.trim().replace(/;\s*$/, ""));
  if (!m) throw new Error(`Cannot translate this SQLite trigger to PostgreSQL (write it in the supported shape):\n${sql}`);
  const [, name, event, columns = "", table, when, body] = m;
  // SQLite's `a IS NOT b` compares with NULLs as values: PostgreSQL spells that IS DISTINCT FROM.
  const condition = when?.replace(/\bIS NOT (?!NULL\b)/g, "IS DISTINCT FROM ");
  return [
    `CREATE FUNCTION "${name}"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${body} RETURN NULL; END $$;`,
    `CREATE TRIGGER "${name}" AFTER ${event}${columns} ON "${table}" FOR EACH ROW${condition ? ` WHEN (${condition})` : ""} EXECUTE FUNCTION "${name}"();`,
  ].join("\n");
}

const literal = (v) => (v === null ? "NULL" : typeof v === "number" || typeof v === "bigint" ? String(v) : `'${String(v).replace(/'/g, "''")}'`);
const rowKey = ({ table, row }) => `${table}:${JSON.stringify(row)}`;

export function insertRow({ table, row }) {
  const columns = Object.keys(row);
  return `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map((c) => literal(row[c])).join(", ")});`;
}

/** The SQL that takes the extras from `before` to `after` (triggers dropped, created or replaced; rows added). */
export function extrasSql(before, after) {
  const out = [];
  const old = new Map(before.triggers.map((t) => [t.name, t.sql]));
  const now = new Map(after.triggers.map((t) => [t.name, t.sql]));
  for (const [name, sql] of old) {
    if (now.get(name) !== sql) out.push(`DROP TRIGGER IF EXISTS "${name}" ON "${TRIGGER.exec(sql)?.[4]}";`, `DROP FUNCTION IF EXISTS "${name}"();`);
  }
  for (const [name, sql] of now) if (old.get(name) !== sql) out.push(postgresTrigger(sql));
  const had = new Set(before.rows.map(rowKey));
  for (const r of after.rows) if (!had.has(rowKey(r))) out.push(insertRow(r));
  return out.join("\n");
}

// Diffing two schema files needs no database; the project's (SQLite) config does it offline, while the
// PostgreSQL config would first try to reach a server. The CLI still opens its adapter's file: a scratch one, since
// a fresh clone has no data/ folder.
function prisma(args) {
  const scratch = join(tmpdir(), `baton-schema-diff-${process.pid}.db`);
  try {
    return execFileSync("npx", ["prisma", ...args], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, DATABASE_URL: `file:${scratch}` },
    });
  } finally {
    rmSync(scratch, { force: true });
  }
}

/** Prisma's SQL from one PostgreSQL schema (a file, or none) to another. */
export function schemaDiffSql(fromSchemaFile, toSchemaFile) {
  const from = fromSchemaFile ? ["--from-schema-datamodel", fromSchemaFile] : ["--from-empty"];
  return prisma(["migrate", "diff", ...from, "--to-schema-datamodel", toSchemaFile, "--script"]);
}

/** Write the PostgreSQL twin of the newest SQLite migration and the PostgreSQL schema it leads to. */
export function writeTwin({ replace = false } = {}) {
  const sqliteNames = migrationNames(SQLITE_MIGRATIONS);
  const latest = sqliteNames.at(-1);
  let pgNames = migrationNames(PG_MIGRATIONS);
  if (pgNames.includes(latest)) {
    if (!replace) return { written: false, name: latest };
    if (committed(join(PG_MIGRATIONS, latest, "migration.sql"))) throw new Error(`${latest} is committed: write a new migration instead of changing it.`);
    rmSync(join(PG_MIGRATIONS, latest), { recursive: true });
    pgNames = pgNames.filter((n) => n !== latest);
    const before = committed(PG_SCHEMA);
    if (before !== null) writeFileSync(PG_SCHEMA, before);
    else rmSync(PG_SCHEMA, { force: true });
  }
  const previous = pgNames.at(-1);
  const scratch = mkdtempSync(join(tmpdir(), "baton-twin-"));
  try {
    // The CLI's config reads PG_SCHEMA: the new schema goes there first, the one it replaces to the scratch folder.
    // The schema the previous twin leads to is the committed one: the working copy may already hold the new schema
    // (a run that stopped half-way), which would make the diff empty.
    const before = join(scratch, "schema.prisma");
    const base = committed(PG_SCHEMA) ?? (existsSync(PG_SCHEMA) ? readFileSync(PG_SCHEMA, "utf8") : null);
    const from = previous && base !== null ? (writeFileSync(before, base), before) : null;
    writeFileSync(PG_SCHEMA, postgresSchema(readFileSync(SQLITE_SCHEMA, "utf8")));
    const schemaSql = schemaDiffSql(from, PG_SCHEMA);
    const extras = extrasSql(previous ? sqliteExtras(previous) : { triggers: [], rows: [] }, sqliteExtras(latest));
    const sql = [
      `-- GENERATED by scripts/db/schema-twin.mjs: the PostgreSQL twin of prisma/migrations/${latest}${previous ? "" : " and every SQLite migration before it"}.`,
      schemaSql.trim(),
      extras ? `-- Triggers and rows the SQLite migrations add by hand, in PostgreSQL's dialect.\n${extras}` : "",
    ]
      .filter(Boolean)
      .join("\n\n");
    mkdirSync(join(PG_MIGRATIONS, latest), { recursive: true });
    writeFileSync(join(PG_MIGRATIONS, latest, "migration.sql"), sql + "\n");
    writeFileSync(join(PG_MIGRATIONS, "migration_lock.toml"), 'provider = "postgresql"\n');
    return { written: true, name: latest };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** A file's committed text, or null when git has none. */
function committed(path) {
  try {
    return execFileSync("git", ["show", `HEAD:${path}`], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return null;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const { written, name } = writeTwin({ replace: process.argv.includes("--replace") });
    console.log(written ? `Wrote ${join(PG_MIGRATIONS, name, "migration.sql")} and ${PG_SCHEMA}` : `${name} already has its PostgreSQL twin.`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
