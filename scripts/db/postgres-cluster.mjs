// A throwaway PostgreSQL server for tests and benchmarks: Debian's binaries, a cluster in a temp folder with its
// own port and socket directory, no password (trust, 127.0.0.1 and the socket only), removed by stop().
//   node scripts/db/postgres-cluster.mjs start   → prints `export BATON_PG_DIR=… BATON_PG_URL=…` for a shell's eval
//   node scripts/db/postgres-cluster.mjs stop DIR
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../free-port.mjs";

/** The newest installed server's bin folder (scripts/ensure-postgres.sh installs one). */
export function postgresBin() {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, "bin", "initdb"))) : [];
  if (versions.length === 0) throw new Error("PostgreSQL's server binaries are missing: run bash scripts/ensure-postgres.sh");
  return join(root, versions.sort((a, b) => Number(b) - Number(a))[0], "bin");
}

const isRoot = () => process.getuid?.() === 0;

/** initdb and postgres refuse to run as root: as root, run them as the `postgres` user. */
function run(bin, args, options = {}) {
  const [file, argv] = isRoot() ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
  return execFileSync(file, argv, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], ...options });
}

/** The connection URL of one database on a cluster started here. */
export const clusterUrl = (port, database = "postgres") => `postgresql://postgres@127.0.0.1:${port}/${database}`;

/**
 * Start a cluster; `settings` are extra `-c` options. Durability is off by default (fsync, full-page writes):
 * the cluster lives for one run and nothing in it must survive a power cut.
 */
export async function startCluster({ durable = false, settings = {} } = {}) {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), "baton-pg-"));
  if (isRoot()) chownSync(dir, uid("postgres"), gid("postgres"));
  const data = join(dir, "data");
  run(join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"]);
  const port = await freePort();
  const options = {
    listen_addresses: "127.0.0.1",
    unix_socket_directories: dir,
    max_connections: "200",
    ...(durable ? {} : { fsync: "off", full_page_writes: "off", synchronous_commit: "off" }),
    ...settings,
  };
  const o = [`-p ${port}`, ...Object.entries(options).map(([k, v]) => `-c ${k}=${v}`)].join(" ");
  run(join(bin, "pg_ctl"), ["-D", data, "-o", o, "-l", join(dir, "server.log"), "-w", "-t", "60", "start"]);
  return { dir, port, url: (database) => clusterUrl(port, database), stop: () => stopCluster(dir) };
}

/** Stop the cluster in `dir` (fast shutdown) and remove its folder. */
export function stopCluster(dir) {
  try {
    run(join(postgresBin(), "pg_ctl"), ["-D", join(dir, "data"), "-m", "fast", "-w", "stop"]);
  } catch {
    // Already stopped: the folder still goes.
  }
  rmSync(dir, { recursive: true, force: true });
}

function uid(user) {
  return Number(execFileSync("id", ["-u", user], { encoding: "utf8" }).trim());
}
function gid(user) {
  return Number(execFileSync("id", ["-g", user], { encoding: "utf8" }).trim());
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, dir] = process.argv.slice(2);
  if (command === "start") {
    const cluster = await startCluster();
    console.log(`export BATON_PG_DIR=${cluster.dir} BATON_PG_URL=${cluster.url("postgres")}`);
  } else if (command === "stop" && dir) {
    stopCluster(dir);
  } else {
    console.error("Usage: node scripts/db/postgres-cluster.mjs start | stop DIR");
    process.exit(2);
  }
}
