#!/usr/bin/env node
// Applies committed migrations to the database in DATABASE_URL (default: data/baton.db), creating it.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";

process.env.DATABASE_URL ??= "file:./data/baton.db";
const file = process.env.DATABASE_URL.replace(/^file:/, "");
if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
console.log(`Applying migrations to ${file} …`);
execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: ["ignore", "ignore", "inherit"], env: process.env });
console.log("Database is up to date.");
