// The mark of a copy into PostgreSQL that has not finished (scripts/db/copy.ts). The copy commits this table before
// its one big transaction and drops it inside that transaction, so the table outlives only a copy that died halfway:
// such a database holds the tables as they were before the copy, not the organisation it was meant to receive, and
// scripts/db-migrate.mjs refuses to let Baton start on it.
import pg from "pg";

const MARKER = '"_baton_copy"';

/** Record, committed on its own, that a copy from `source` starts now (replacing the mark of a copy it repeats). */
export async function markCopyStarted(client, source) {
  await client.query("BEGIN");
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS ${MARKER} ("source" TEXT NOT NULL, "started_at" TIMESTAMPTZ NOT NULL DEFAULT now())`);
    await client.query(`DELETE FROM ${MARKER}`);
    await client.query(`INSERT INTO ${MARKER} ("source") VALUES ($1)`, [source]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

/** Remove the mark: inside the copy's transaction when it succeeds, or after a rollback the copy saw happen. */
export async function clearCopyMark(client) {
  await client.query(`DROP TABLE IF EXISTS ${MARKER}`);
}

/** null, or the line to show when the database at `url` holds an interrupted copy. */
export async function incompleteCopy(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT to_regclass($1) IS NOT NULL AS "marked"`, [MARKER]);
    if (!rows[0]?.marked) return null;
    const { rows: marks } = await client.query(`SELECT "source", "started_at" FROM ${MARKER} ORDER BY "started_at" LIMIT 1`);
    const mark = marks[0];
    const from = mark ? `${mark.source}, started ${mark.started_at.toISOString()}` : "an unknown source";
    return `This database holds an interrupted copy from ${from}: run npm run db:copy again (with --replace if it held data before) before starting Baton on it.`;
  } finally {
    await client.end();
  }
}
