// Starting on PostgreSQL (docs/decisions/018): two servers migrating one new database at once leave it whole, and
// a DATABASE_URL Baton cannot use is one clear line before it listens, never a stack on the first request.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrationNames, PG_MIGRATIONS } from "../../scripts/db/schema-twin.mjs";
import { databaseProblem } from "../../server/database.mjs";
import { adminQuery, postgresServer } from "../setup/postgres";

const run = promisify(execFile);
let server: Awaited<ReturnType<typeof postgresServer>>;
const databases: string[] = [];

function database(name: string) {
  const db = `${name}_${process.pid}_${Math.random().toString(36).slice(2, 7)}`;
  databases.push(db);
  return server.url(db);
}

async function migrate(url: string) {
  return run(process.execPath, ["scripts/db-migrate.mjs"], { env: { ...process.env, DATABASE_URL: url } }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
}

beforeAll(async () => {
  server = await postgresServer();
});
afterAll(async () => {
  for (const db of databases) await adminQuery(server.url("postgres"), `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).catch(() => {});
  server.stop();
});

describe("migrating PostgreSQL", () => {
  it("two servers migrating a new database at the same moment both succeed and apply each migration once", async () => {
    const url = database("race");
    const [a, b] = await Promise.all([migrate(url), migrate(url)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const applied = (await client.query(`SELECT "migration_name" FROM "_prisma_migrations" ORDER BY 1`)).rows.map((r) => r.migration_name);
      expect(applied).toEqual(migrationNames(PG_MIGRATIONS));
      const people = await client.query(`SELECT count(*)::int AS n FROM "Person"`);
      expect(people.rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
    expect(await databaseProblem(url)).toBeNull();
  });
});

describe("a DATABASE_URL Baton cannot use", () => {
  it("says so in one line: unreachable server, missing database, no tables, unknown kind, missing SQLite file", async () => {
    expect(await databaseProblem("postgresql://baton@127.0.0.1:1/baton")).toMatch(/^Cannot reach the PostgreSQL server of DATABASE_URL .*127\.0\.0\.1:1/);
    expect(await databaseProblem(database("missing"))).toMatch(/does not exist: create it/);
    const empty = database("empty");
    await adminQuery(server.url("postgres"), `CREATE DATABASE ${new URL(empty).pathname.slice(1)}`);
    expect(await databaseProblem(empty)).toMatch(/has no Baton tables yet: run npm run db:migrate/);
    expect(await databaseProblem("mysql://root@localhost/baton")).toMatch(/must start with file: \(SQLite\) or postgresql:\/\//);
    expect(await databaseProblem("file:./no/such/baton.db")).toMatch(/There is no database at \.\/no\/such\/baton\.db/);
    for (const message of [await databaseProblem("postgresql://baton:secret@127.0.0.1:1/baton")]) {
      expect(message).not.toContain("secret");
      expect(message?.split("\n")).toHaveLength(1);
    }
  });

  it("stops the migration with one line and exit code 1 when the server cannot be reached", async () => {
    const result = await migrate("postgresql://baton:secret@127.0.0.1:1/baton");
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^Cannot reach the PostgreSQL server/)]);
    expect(result.stderr).not.toContain("secret");
  });
});
