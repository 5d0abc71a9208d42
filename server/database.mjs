// Before Baton listens: is DATABASE_URL a database it can use? One clear line and exit 1 if not, instead of a
// stack on the first request (docs/decisions/018).
import { existsSync } from "node:fs";
import pg from "pg";
import { describeConnectionError, redactUrl } from "../scripts/db/connection-errors.mjs";

/** A reason Baton cannot start on `url`, or null. */
export async function databaseProblem(url) {
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length).split("?")[0];
    if (file !== ":memory:" && !existsSync(file)) return `There is no database at ${file} (DATABASE_URL): run npm run db:migrate first.`;
    return null;
  }
  if (!/^postgres(ql)?:\/\//i.test(url)) return `DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL), not "${redactUrl(url)}".`;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const { rows } = await client.query(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS migrated`);
    if (!rows[0].migrated) return `The database in DATABASE_URL (${redactUrl(url)}) has no Baton tables yet: run npm run db:migrate first.`;
    return null;
  } catch (error) {
    return describeConnectionError(error, url);
  } finally {
    await client.end().catch(() => {});
  }
}
