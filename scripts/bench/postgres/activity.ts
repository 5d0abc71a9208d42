/**
 * What the Baton server's connections to PostgreSQL are doing while a load test runs, sampled from pg_stat_activity on a
 * connection of its own: how many run a statement, how many wait for the write lock (the advisory lock every
 * transaction takes first, docs/decisions/018), how many sit in an open transaction while the app works between
 * statements, and whether the write lock is held at all. Averages per sample, so they read as "connections at once".
 */
import pg from "pg";
import { WRITE_LOCK_KEY } from "../../../app/.server/db-adapter-postgres";

export type Activity = {
  samples: number;
  /** Baton's connections to the database (open, whatever they do). */
  connections: number;
  /** Running a statement (not waiting for a lock). */
  running: number;
  /** Waiting for the write lock. */
  waitingForWriteLock: number;
  /** Inside a transaction, waiting for the app to send the next statement. */
  idleInTransaction: number;
  /** Share of samples in which some connection holds the write lock. */
  lockHeld: number;
  /** Of those, the share in which the holder is running a statement (the rest: the app works while holding it). */
  holderRunning: number;
};

/** The benchmark process's own connections say so (the server's do not), so that only the server's are counted. */
export const BENCH_APPLICATION = "baton-bench";

/** `url` with its connections named BENCH_APPLICATION. */
export const benchConnection = (url: string) => `${url}${url.includes("?") ? "&" : "?"}application_name=${BENCH_APPLICATION}`;

// A bigint advisory key below 2^32 shows in pg_locks as classid 0, objid the key.
const SAMPLE = `
  SELECT a.state, a.wait_event_type, a.wait_event,
         EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.locktype = 'advisory' AND l.granted AND l.objid = ${WRITE_LOCK_KEY}) AS holds
  FROM pg_stat_activity a
  WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() AND a.backend_type = 'client backend'
    AND a.application_name <> '${BENCH_APPLICATION}'`;

type Sample = { state: string | null; wait_event_type: string | null; wait_event: string | null; holds: boolean };

/** Start sampling every `everyMs`; `stop()` ends it and returns the averages. */
export async function sampleActivity(url: string, everyMs = 50): Promise<{ stop: () => Promise<Activity> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const totals = { samples: 0, connections: 0, running: 0, waitingForWriteLock: 0, idleInTransaction: 0, lockHeld: 0, holderRunning: 0 };
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const { rows } = await client.query<Sample>(SAMPLE);
      const waiting = rows.filter((r) => r.wait_event_type === "Lock" && r.wait_event === "advisory").length;
      const holder = rows.find((r) => r.holds);
      totals.samples += 1;
      totals.connections += rows.length;
      totals.waitingForWriteLock += waiting;
      totals.running += rows.filter((r) => r.state === "active").length - waiting;
      totals.idleInTransaction += rows.filter((r) => r.state === "idle in transaction").length;
      if (holder) totals.lockHeld += 1;
      if (holder?.state === "active") totals.holderRunning += 1;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      await client.end();
      const per = (n: number) => (totals.samples > 0 ? n / totals.samples : 0);
      return {
        samples: totals.samples,
        connections: per(totals.connections),
        running: per(totals.running),
        waitingForWriteLock: per(totals.waitingForWriteLock),
        idleInTransaction: per(totals.idleInTransaction),
        lockHeld: per(totals.lockHeld),
        holderRunning: totals.lockHeld > 0 ? totals.holderRunning / totals.lockHeld : 0,
      };
    },
  };
}
