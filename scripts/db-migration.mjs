#!/usr/bin/env node
// Writes a new migration offline: diff the committed migrations against prisma/schema.prisma.
// Usage: npm run db:migration -- <name>
// (`prisma migrate dev` does not work with Prisma 6.19's Wasm engine; this is the supported way.)
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

// The CLI opens DATABASE_URL through the adapter even to diff: its folder must exist.
process.env.DATABASE_URL ??= "file:./data/baton.db";
mkdirSync(dirname(process.env.DATABASE_URL.replace(/^file:/, "")), { recursive: true });

const name = (process.argv[2] ?? "")
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, "_")
  .replace(/^_|_$/g, "");
if (!name) {
  console.error("Usage: npm run db:migration -- <name>   (e.g. add_curricula)");
  process.exit(2);
}
const dir = join("prisma", "migrations");
mkdirSync(dir, { recursive: true });
if (!existsSync(join(dir, "migration_lock.toml"))) {
  writeFileSync(join(dir, "migration_lock.toml"), 'provider = "sqlite"\n');
}
const diff = (from) =>
  execFileSync("npx", ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", join("prisma", "schema.prisma"), "--script"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
let sql;
try {
  sql = diff(["--from-migrations", dir]);
} catch (error) {
  // Prisma 6.19's Wasm engine replays each migration into its shadow database as ONE statement, which
  // better-sqlite3 refuses once a migration holds several (P3006). Diff from the last committed schema
  // instead: it is the schema the committed migrations were written from.
  if (!/P3006/.test(String(error.stderr))) {
    process.stderr.write(String(error.stderr));
    process.exit(1);
  }
  const before = join(mkdtempSync(join(tmpdir(), "baton-migration-")), "schema.prisma");
  writeFileSync(before, execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { encoding: "utf8" }));
  console.log("(diffing from the committed prisma/schema.prisma: the shadow-database replay is not available offline)");
  sql = diff(["--from-schema-datamodel", before]);
}
if (!/\b(CREATE|ALTER|DROP|INSERT|PRAGMA)\b/i.test(sql)) {
  console.log("The schema matches the migrations: nothing to write.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const target = join(dir, `${stamp}_${name}`);
mkdirSync(target);
writeFileSync(join(target, "migration.sql"), sql);
console.log(`Wrote ${join(target, "migration.sql")}`);

// The PostgreSQL twin, generated from the same change (docs/decisions/018).
const { writeTwin } = await import("./db/schema-twin.mjs");
const twin = writeTwin();
console.log(`Wrote its PostgreSQL twin in prisma/postgresql/migrations/${twin.name}.`);
console.log("If you add SQL by hand to the SQLite migration (a trigger, a row), run npm run db:twin -- --replace.");
