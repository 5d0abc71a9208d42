import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// A Prisma config turns off .env loading, and an unresolved url makes the CLI look for an engine it
// would have to download: always give it one.
// The SQLite schema's CLI only ever works on a file: with DATABASE_URL=postgresql://… (the app on PostgreSQL),
// `prisma generate` would otherwise read that URL and misjudge the engine too.
if (!process.env.DATABASE_URL?.startsWith("file:")) process.env.DATABASE_URL = "file:./data/baton.db";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    return new PrismaBetterSQLite3({ url: process.env.DATABASE_URL! });
  },
});
