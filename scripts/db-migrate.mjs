#!/usr/bin/env node
// Applies committed migrations to the database in DATABASE_URL (default: data/baton.db), creating it.
// SQLite through Prisma's CLI; PostgreSQL through scripts/db/migrate-postgres.mjs (docs/decisions/018).
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { describeConnectionError, redactUrl } from "./db/connection-errors.mjs";
import { incompleteCopy } from "./db/copy-marker.mjs";
import { migratePostgres } from "./db/migrate-postgres.mjs";

process.env.DATABASE_URL ??= "file:./data/baton.db";
const url = process.env.DATABASE_URL;

if (/^postgres(ql)?:\/\//i.test(url)) {
  console.log(`Applying migrations to ${redactUrl(url)} …`);
  try {
    const applied = await migratePostgres(url, { log: (line) => console.log(`  ${line}`) });
    console.log(applied.length ? `Database is up to date (${applied.length} applied).` : "Database is up to date.");
    // npm start and npm run demo migrate first: this keeps Baton off a database that a copy left half-done.
    const interrupted = await incompleteCopy(url);
    if (interrupted) {
      console.error(interrupted);
      process.exit(1);
    }
  } catch (error) {
    console.error(describeConnectionError(error, url));
    process.exit(1);
  }
  process.exit(0);
}

if (!url.startsWith("file:")) {
  console.error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL), not "${redactUrl(url)}"`);
  process.exit(1);
}
const file = url.replace(/^file:/, "");
if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
console.log(`Applying migrations to ${file} …`);
try {
  execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: ["ignore", "ignore", "pipe"], env: process.env, encoding: "utf8" });
} catch (error) {
  const detail = String(error.stderr ?? error.message);
  // SQLite answers "busy" as SocketTimeout through the Wasm engine: another process holds the database.
  if (/SocketTimeout|database is locked|SQLITE_BUSY/i.test(detail)) {
    console.error(`The database ${file} is in use by another process (is Baton already running?). Stop it and try again.`);
  } else {
    console.error(
      detail
        .split("\n")
        .filter((l) => !/^\s+at |wasm-function/.test(l))
        .join("\n"),
    );
  }
  process.exit(1);
}
console.log("Database is up to date.");
