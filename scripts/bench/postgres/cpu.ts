/**
 * CPU time used by process trees while something runs, read from /proc (Linux): this process's children and their
 * descendants (a command the benchmark runs), and a PostgreSQL cluster (the postmaster and its backends). Sampled
 * every 200 ms, so a process that lives less than that may be missed; null where /proc cannot be read.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export type TreeCpu = { commandSeconds: number; postgresSeconds: number };

function clockTicks(): number {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
}

/** Every process now: its parent and its user + system time in clock ticks. */
function processes(): Map<number, { parent: number; ticks: number }> {
  const all = new Map<number, { parent: number; ticks: number }>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(join("/proc", name, "stat"), "utf8");
      // After the command name in parentheses: state, parent, … utime (12th), stime (13th).
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      all.set(Number(name), { parent: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // Gone meanwhile.
    }
  }
  return all;
}

function descendants(all: Map<number, { parent: number }>, root: number): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, p] of all) children.set(p.parent, [...(children.get(p.parent) ?? []), pid]);
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    for (const child of children.get(pid) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/**
 * Start counting; `stop()` returns the CPU seconds of this process's descendants and of the cluster in `clusterDir`
 * (none without one).
 */
export function sampleTreeCpu(clusterDir: string | null): { stop: () => TreeCpu | null } {
  let postmaster: number | null = null;
  try {
    if (clusterDir) postmaster = Number(readFileSync(join(clusterDir, "data", "postmaster.pid"), "utf8").split("\n")[0]);
    processes();
  } catch {
    return { stop: () => null };
  }
  const start = processes();
  const first = (pid: number) => start.get(pid)?.ticks ?? 0;
  const command = new Map<number, number>();
  const postgres = new Map<number, number>();
  const sample = () => {
    const all = processes();
    // Processes alive at the start count only what they use from now on.
    const cluster = new Set(postmaster === null ? [] : [postmaster, ...descendants(all, postmaster)]);
    for (const pid of cluster) if (all.has(pid)) postgres.set(pid, all.get(pid)!.ticks - first(pid));
    for (const pid of descendants(all, process.pid)) if (!cluster.has(pid)) command.set(pid, all.get(pid)!.ticks - first(pid));
  };
  // Never what keeps the process alive: a run that fails midway still ends.
  const timer = setInterval(sample, 200).unref();
  let result: TreeCpu | undefined;
  return {
    // The first call counts; later ones return the same figures.
    stop: () => {
      if (result) return result;
      clearInterval(timer);
      sample();
      const ticks = clockTicks();
      const sum = (m: Map<number, number>) => [...m.values()].reduce((total, t) => total + t, 0) / ticks;
      return (result = { commandSeconds: sum(command), postgresSeconds: sum(postgres) });
    },
  };
}

export type CpuShare = {
  /** Wall seconds counted. */
  seconds: number;
  /** CPU seconds: Baton's server, PostgreSQL's processes, this process (autocannon). */
  server: number;
  postgres: number;
  bench: number;
};

/** CPU of a load test's measured rounds, split between the server (a child of this process), PostgreSQL and the load generator. */
export function sampleLoadCpu(clusterDir: string | null): { stop: () => CpuShare | null } {
  const started = performance.now();
  const own = process.cpuUsage();
  const trees = sampleTreeCpu(clusterDir);
  return {
    stop: () => {
      const tree = trees.stop();
      if (!tree) return null;
      const used = process.cpuUsage(own);
      return {
        seconds: (performance.now() - started) / 1000,
        server: tree.commandSeconds,
        postgres: tree.postgresSeconds,
        bench: (used.user + used.system) / 1e6,
      };
    },
  };
}
