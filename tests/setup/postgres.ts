/**
 * The PostgreSQL side of the test run (docs/decisions/018). With BATON_TEST_DATABASE=postgresql every test file gets
 * its own database, a copy of one migrated template (CREATE DATABASE … TEMPLATE is a file copy), on the server at
 * BATON_PG_URL, or on a throwaway cluster the run starts itself when that is unset.
 */
import pg from "pg";
import { migratePostgres } from "../../scripts/db/migrate-postgres.mjs";
import { startCluster } from "../../scripts/db/postgres-cluster.mjs";

export const TEMPLATE = "baton_test_template";

export const testsRunOnPostgres = () => process.env.BATON_TEST_DATABASE === "postgresql";

/** The URL of another database on the same server. */
export function databaseUrl(serverUrl: string, database: string) {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.href;
}

export async function adminQuery(serverUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, "postgres") });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Start a cluster when none is given, and migrate the template; returns how to clean up. */
export async function preparePostgres(): Promise<() => Promise<void>> {
  let stop = async () => {};
  if (!process.env.BATON_PG_URL) {
    const cluster = await startCluster();
    process.env.BATON_PG_URL = cluster.url("postgres");
    stop = async () => cluster.stop();
  }
  const server = process.env.BATON_PG_URL;
  await adminQuery(server, `DROP DATABASE IF EXISTS ${TEMPLATE}`);
  await migratePostgres(databaseUrl(server, TEMPLATE));
  return async () => {
    await adminQuery(server, `DROP DATABASE IF EXISTS ${TEMPLATE}`).catch(() => {});
    await stop();
  };
}

/** A new database copied from the migrated template, and how to drop it. */
export async function freshPostgresDatabase(name: string) {
  const server = process.env.BATON_PG_URL;
  if (!server) throw new Error("BATON_PG_URL is not set: the PostgreSQL test run starts its server in global setup");
  const database = `${name}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
  await adminQuery(server, `CREATE DATABASE ${database} TEMPLATE ${TEMPLATE}`);
  return {
    url: databaseUrl(server, database),
    drop: () => adminQuery(server, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).then(() => undefined),
  };
}

/** A PostgreSQL server for a test file that needs one in any pass: BATON_PG_URL's, or a throwaway one of its own. */
export async function postgresServer(): Promise<{ url: (database: string) => string; stop: () => void }> {
  const given = process.env.BATON_PG_URL;
  if (given) return { url: (database) => databaseUrl(given, database), stop: () => {} };
  const cluster = await startCluster();
  return { url: cluster.url, stop: cluster.stop };
}

/** Run one statement on `url` with a connection of its own; its rows. */
export async function query(url: string, sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}
