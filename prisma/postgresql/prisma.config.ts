import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// The Prisma CLI for the PostgreSQL twin of the schema: it generates the PostgreSQL client
// (docs/decisions/018). Migrations are applied by scripts/db/migrate-postgres.mjs, not by the CLI.
// It never connects: any PostgreSQL URL will do when DATABASE_URL is not one (e.g. file:… for SQLite).
if (!/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "")) process.env.DATABASE_URL = "postgresql://localhost/baton";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL! });
  },
});
