// (f) Where the lesson page's CPU time goes, by package: a second Baton server, with V8's CPU profiler switched on
// by scripts/bench/profile-hook.mjs (loaded with --import; server.mjs is not changed) for the measured rounds of
// the real path's lesson page load; its profile is then summed by package (cpu-profile.ts).
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { fmt, pageRequests, type Bench } from "./context";
import { isPrisma, shareOf, sharesByPackage, type CpuProfile } from "./cpu-profile";
import { loadSpec, reportFailures } from "./lesson";
import { measure } from "./load";
import { PRISMA_GOAL } from "./real-report";
import { realWorld } from "./real-world";
import { BUILD_DIR, startServer, type RunningServer } from "./setup";
import { status } from "./status";

const INTERVAL_US = 1000;
const STARTED = "bench: CPU profile started";

/** Ask the server to start profiling and wait until it says it has. */
async function startProfiling(server: RunningServer) {
  process.kill(server.pid, "SIGUSR2");
  const deadline = Date.now() + 10_000;
  while (!readFileSync(server.logFile, "utf8").includes(STARTED)) {
    if (Date.now() > deadline) throw new Error(`The profiled server did not start its profiler; see ${server.logFile}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function profilePart(b: Bench) {
  const world = await realWorld(b);
  const file = join(b.dir, "lesson.cpuprofile");
  const hook = pathToFileURL(resolve("scripts/bench/profile-hook.mjs")).href;
  const server = await startServer(
    "Baton (profiled)",
    ["--import", hook, "server.mjs"],
    { ...b.serverEnv, BENCH_CPU_PROFILE: file, BENCH_CPU_PROFILE_INTERVAL_US: String(INTERVAL_US) },
    join(b.dir, "server-profiled.log"),
    "/login",
  );
  let rps = 0;
  try {
    const spec = loadSpec(b, "Lesson page (Baton, CPU profiler on)", server.origin, pageRequests(b, b.lessonPath, world.team));
    const result = await measure({ ...spec, afterWarmup: () => startProfiling(server) });
    reportFailures(b, result);
    rps = result.median.rps;
  } finally {
    await server.stop(); // SIGTERM: the hook writes the profile, then exits
  }
  if (!existsSync(file)) throw new Error(`The profiled server wrote no profile; see ${server.logFile}`);
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const shares = sharesByPackage(profile, { root: `${process.cwd()}/`, appBundle: `${resolve(BUILD_DIR, "server")}/` });
  const prisma = shareOf(shares, isPrisma);
  const prismaAndSqlite = shareOf(shares, (name) => isPrisma(name) || name === "better-sqlite3");
  const met = prisma.share <= PRISMA_GOAL;
  b.profile = {
    shares,
    intervalUs: INTERVAL_US,
    rps,
    prisma,
    prismaAndSqlite,
    goal: {
      part: "profile",
      figure: "Prisma's share of the lesson page's CPU profile",
      value: fmt.pct(prisma.share),
      baseline: "—",
      ratio: "—",
      goal: `≤ ${fmt.pct(PRISMA_GOAL)}`,
      met,
      by: met ? undefined : `${fmt.times(prisma.share / PRISMA_GOAL)} over`,
    },
  };
  if (!met) {
    const parts = shares.buckets.filter((s) => isPrisma(s.name)).map((s) => `${s.name} ${fmt.pct(s.share)}`);
    b.notes.push(
      `Prisma takes ${fmt.pct(prisma.share)} of the lesson page's busy CPU time (goal ≤ ${fmt.pct(PRISMA_GOAL)}): ${parts.join(", ")}; ` +
        `SQLite itself (better-sqlite3) ${fmt.pct(prismaAndSqlite.share - prisma.share)}.`,
    );
  }
  status.log(
    `CPU profile: ${shares.samples.toLocaleString("en")} samples, busy ${fmt.s(shares.busyMs)} of ${fmt.s(shares.totalMs)}; ` +
      `Prisma ${fmt.pct(prisma.share)} of busy time, top: ${shares.buckets
        .slice(0, 3)
        .map((s) => `${s.name} ${fmt.pct(s.share)}`)
        .join(", ")}.`,
  );
}
