// Several server processes on one port when WEB_CONCURRENCY asks for them (docs/decisions/016). The primary only
// supervises: it forks the workers, starts a new one when one dies, and stops them all on SIGTERM or SIGINT.
import cluster from "node:cluster";
import { availableParallelism } from "node:os";
import { logger } from "./logger.mjs";

const MAX_PROCESSES = 64;
/** The first restart waits a second, each further one twice as long, up to half a minute. */
const RESTART_FIRST_MS = 1_000;
const RESTART_MAX_MS = 30_000;
/** A process that served this long before it died starts its back-off from the beginning again. */
const HEALTHY_AFTER_MS = 60_000;
/** How long a process may take to finish its requests when asked to stop, before it is killed. */
const STOP_GRACE_MS = 10_000;

/**
 * How many server processes WEB_CONCURRENCY asks for: unset 1, "auto" one per core, otherwise a whole number
 * from 1 to 64. Anything else is refused with a message that says what is allowed.
 * @param {string | undefined} value
 * @param {number} [cores]
 */
export function serverProcessCount(value, cores = availableParallelism()) {
  if (value === undefined || value.trim() === "") return 1;
  if (value.trim() === "auto") return Math.min(cores, MAX_PROCESSES);
  const count = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!(count >= 1 && count <= MAX_PROCESSES)) {
    throw new Error(`WEB_CONCURRENCY must be a whole number from 1 to ${MAX_PROCESSES}, or "auto" (one process per core, ${cores} here); it is "${value}".`);
  }
  return count;
}

/** Milliseconds to wait before starting a process again after its `failures`-th death in a row. */
export function restartDelayMs(failures) {
  return Math.min(RESTART_FIRST_MS * 2 ** Math.max(0, failures - 1), RESTART_MAX_MS);
}

/**
 * In the primary: run `count` copies of this script as workers sharing the port. Each is told its place
 * (BATON_WORKER_INDEX, 1…count), which a replacement keeps, so work that must run once stays in process 1.
 * @param {number} count
 * @param {{ log?: import("pino").Logger }} [options]
 */
export function superviseWorkers(count, { log = logger } = {}) {
  /** Per place (index): its current process, when that started, how often in a row it died, whether it was ever served. */
  const places = new Map();
  let stopping = false;
  let exitCode = 0;

  const start = (index) => {
    const worker = cluster.fork({ BATON_WORKER_INDEX: String(index) });
    const place = places.get(index) ?? { failures: 0, listened: false };
    places.set(index, { ...place, worker, startedAt: Date.now() });
    worker.once("listening", () => (places.get(index).listened = true));
  };

  cluster.on("exit", (worker, code, signal) => {
    const entry = [...places].find(([, p]) => p.worker === worker);
    if (!entry) return;
    const [index, place] = entry;
    place.worker = null;
    if (stopping) {
      if ([...places.values()].every((p) => !p.worker)) {
        log.info("Every server process has stopped");
        process.exit(exitCode);
      }
      return;
    }
    const how = signal ?? `exit code ${code}`;
    // At start-up, a process that never got as far as listening will not get further by trying again: a bad
    // setting, a missing build, a port in use. Stop, as a single process would, so the fault is seen. (A replacement
    // for a process that had served is retried with the back-off instead.)
    if (!place.listened) {
      log.fatal({ worker: index, pid: worker.process.pid, code, signal }, `Server process ${index} could not start (${how}); stopping`);
      return stop(1);
    }
    place.failures = Date.now() - place.startedAt >= HEALTHY_AFTER_MS ? 1 : place.failures + 1;
    const delayMs = restartDelayMs(place.failures);
    log.error(
      { worker: index, pid: worker.process.pid, code, signal, restartInMs: delayMs },
      `Server process ${index} (pid ${worker.process.pid}) stopped unexpectedly (${how}); starting it again in ${delayMs / 1000} s`,
    );
    setTimeout(() => !stopping && start(index), delayMs);
  });

  const stop = (code = 0) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    const running = [...places.values()].filter((p) => p.worker);
    if (running.length === 0) process.exit(exitCode);
    log.info(`Stopping ${running.length} server processes: each finishes the requests it has`);
    for (const p of running) p.worker.process.kill("SIGTERM");
    setTimeout(() => {
      for (const p of places.values()) p.worker?.process.kill("SIGKILL");
      process.exit(exitCode);
    }, STOP_GRACE_MS + 1_000).unref();
  };
  process.once("SIGTERM", () => stop());
  process.once("SIGINT", () => stop());

  log.info({ processes: count }, `Starting ${count} server processes`);
  for (let index = 1; index <= count; index++) start(index);
}

/**
 * In a worker: on SIGTERM or SIGINT stop taking connections, let the requests under way finish, then exit.
 * @param {import("node:http").Server} server
 */
export function stopGracefully(server) {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), STOP_GRACE_MS).unref();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
