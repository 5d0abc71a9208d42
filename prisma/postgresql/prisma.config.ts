import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// The Prisma CLI for the PostgreSQL twin of the schema: it generates the PostgreSQL client and diffs schemas
// (docs/decisions/018). Migrations are applied by scripts/db/migrate.ts, not by the CLI.
process.env.DATABASE_URL ??= "postgresql://localhost/baton";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL! });
  },
});
