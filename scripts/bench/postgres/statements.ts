/**
 * PostgreSQL's own time per statement in one database, from pg_stat_statements (loaded by the benchmark's cluster,
 * tracking only the databases it is switched on for). Read through the maintenance database, so the measured one
 * holds no extra objects (db:copy compares its tables with the source's).
 */
import pg from "pg";

export type Statement = { query: string; calls: number; totalMs: number };

/** Switch tracking on for `database` (its sessions opened from now on): created empty here if missing, as a DBA would. */
export async function trackDatabase(adminUrl: string, database: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
    await client.query(`ALTER DATABASE "${database}" SET pg_stat_statements.track = 'top'`);
  } finally {
    await client.end();
  }
}

/** Empty the statistics of `database` now; `read()` returns its statements since, most time first. */
export async function statementsSince(adminUrl: string, database: string): Promise<{ read: () => Promise<Statement[]> }> {
  const query = async <T extends pg.QueryResultRow>(text: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return (await client.query<T>(text, [database])).rows;
    } finally {
      await client.end();
    }
  };
  await query("SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = $1), 0)");
  return {
    read: async () => {
      const rows = await query<{ query: string; calls: string; total: number }>(
        `SELECT query, calls, total_exec_time AS total FROM pg_stat_statements
         WHERE dbid = (SELECT oid FROM pg_database WHERE datname = $1) ORDER BY total_exec_time DESC`,
      );
      return rows.map((r) => ({ query: r.query.replace(/\s+/g, " ").trim(), calls: Number(r.calls), totalMs: r.total }));
    },
  };
}
