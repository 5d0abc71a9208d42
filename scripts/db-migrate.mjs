#!/usr/bin/env node
// Applies committed migrations to the database in DATABASE_URL (default: data/baton.db), creating it.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";

process.env.DATABASE_URL ??= "file:./data/baton.db";
const file = process.env.DATABASE_URL.replace(/^file:/, "");
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
