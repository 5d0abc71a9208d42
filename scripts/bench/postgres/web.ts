/**
 * One database's half of `npm run bench:postgres`, in its own process (the app's Prisma client binds to one
 * database per process): synthetic learners in the database of DATABASE_URL (migrated, empty), the production
 * server on it, then the lesson page and quiz submissions under the same load as `npm run bench`, measured by the
 * same functions (lesson.ts, quiz.ts, load.ts). Before the load: the page one request at a time and its route
 * loaders in this process, to tell the database's share of a request. During the measured rounds the CPU of the
 * server, of PostgreSQL (the cluster in BENCH_PG_DIR) and of the load generator is counted (cpu.ts), and on PostgreSQL
 * pg_stat_activity is sampled (activity.ts). Writes a WebResult as JSON to BENCH_RESULT.
 *
 * Run by scripts/bench/postgres.ts with DATABASE_URL, CONTENT_OUT_DIR, BUILD_DIR, BENCH_OPTIONS, BENCH_DIR,
 * BENCH_QUIZ_LEARNERS and BENCH_RESULT set.
 */
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { benchLesson, newBench, type Options, type Row } from "../context";
import { loadSpec, loaderTime, reportFailures } from "../lesson";
import { measure, type LoadResult } from "../load";
import { oneAtATime } from "../mdx";
import { memoryOf, signInOnce, startServer, type RunningServer } from "../setup";
import { status } from "../status";
import { benchConnection, sampleActivity, type Activity } from "./activity";
import { sampleLoadCpu, type CpuShare } from "./cpu";

type LoadCpu = CpuShare & { requests: number };
type Figures = { rps: number; p50: number; p99: number; requests: number; failed: number };

export type WebResult = {
  database: "sqlite" | "postgresql";
  learners: number;
  quizLearners: number;
  lesson: Figures;
  quiz: Figures;
  /** The lesson page one request at a time, and its two route loaders called in-process: medians in ms. */
  oneAtATimeMs: number;
  loadersMs: number;
  correctness: Row[];
  /** PostgreSQL only: what the server's connections did during the measured rounds. */
  activity: { lesson: Activity; quiz: Activity } | null;
  /** CPU during the measured rounds (Linux), with the requests answered meanwhile. */
  cpu: { lesson: LoadCpu; quiz: LoadCpu } | null;
  serverMemoryMb: number | null;
  /** The machine's one-minute load average when this half started and ended (other work skews it). */
  load: { start: number; end: number };
  notes: string[];
};

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run npm run bench:postgres`);
  return value;
};

async function main() {
  const loadAtStart = loadavg()[0] ?? 0;
  const databaseUrl = env("DATABASE_URL");
  const options = JSON.parse(env("BENCH_OPTIONS")) as Options;
  const dir = env("BENCH_DIR");
  const database = databaseUrl.startsWith("file:") ? "sqlite" : "postgresql";
  // This process's own client (learners, attempts, the audit, the loaders timed in-process) is told apart from the server's.
  if (database === "postgresql") process.env.DATABASE_URL = benchConnection(databaseUrl);
  const data = await import("../data");
  const { getCatalog } = await import("../../../app/.server/content/catalog");
  const { correctnessRows, learnersNeeded, runSubmissions } = await import("../quiz");
  const { course, lesson } = benchLesson(getCatalog());

  const { newLearners, created } = data.learnerSupply();
  const readers = await newLearners(100);
  const serverEnv = { NODE_ENV: "production", BUILD_DIR: env("BUILD_DIR"), DATABASE_URL: databaseUrl, CONTENT_OUT_DIR: env("CONTENT_OUT_DIR") };
  let server: RunningServer | null = null;
  try {
    server = await startServer(`Baton on ${database}`, ["server.mjs"], serverEnv, join(dir, `server-${database}.log`), "/login");
    status.log(`Baton on ${database} is running at ${server.origin} (pid ${server.pid}).`);
    await signInOnce(server.origin, readers[0]!.email, data.BENCH_PASSWORD);
    const b = newBench({
      options,
      dir,
      databaseFile: database === "sqlite" ? databaseUrl.replace(/^file:/, "") : "",
      contentOut: env("CONTENT_OUT_DIR"),
      server,
      serverEnv,
      course,
      lesson,
      readers,
      newLearners,
      timings: { contentBuildColdMs: 0, contentBuildWarmMs: 0, lessonCount: 0 },
    });

    // Where one request's time goes, with nothing else running: the whole page, and its data side alone.
    const oneAtATimeMs = await oneAtATime(b, "lesson");
    const loadersMs = await loaderTime(b);
    status.log(`Lesson page one at a time: ${oneAtATimeMs.toFixed(2)} ms, of which route loaders ${loadersMs.toFixed(2)} ms.`);

    // During the measured rounds: what the server's PostgreSQL connections do, and the CPU each side uses.
    const clusterDir = process.env.BENCH_PG_DIR ?? null;
    let sampling: { activity: Awaited<ReturnType<typeof sampleActivity>> | null; cpu: ReturnType<typeof sampleLoadCpu> } | null = null;
    const startSampling = async () => {
      sampling = { activity: database === "postgresql" ? await sampleActivity(databaseUrl) : null, cpu: sampleLoadCpu(clusterDir) };
    };
    const stopSampling = async () => {
      const cpu = sampling?.cpu.stop() ?? null;
      const activity = (await sampling?.activity?.stop()) ?? null;
      sampling = null;
      return { activity, cpu };
    };
    const measuredRequests = (r: LoadResult) => r.rounds.reduce((n, round) => n + round.requests, 0);

    const lessonResult = await measure({ ...loadSpec(b, `Lesson page (${database})`, server.origin), afterWarmup: startSampling });
    const lessonSamples = await stopSampling();
    reportFailures(b, lessonResult);
    b.lessonRps = lessonResult.median.rps;

    const needed = learnersNeeded(b, lessonResult.median.rps, options.quizSeconds, 1, 1000);
    const learners = await newLearners(Math.max(needed, Number(process.env.BENCH_QUIZ_LEARNERS ?? 0)));
    const sampled: { quiz?: Awaited<ReturnType<typeof stopSampling>> } = {};
    const outcome = await runSubmissions(b, {
      label: `Quiz submissions (${database})`,
      learners,
      firstAttempt: 1,
      seconds: options.quizSeconds,
      afterWarmup: startSampling,
      afterLoad: async () => void (sampled.quiz = await stopSampling()),
    });
    const quizSamples = sampled.quiz ?? { activity: null, cpu: null };
    const memory = memoryOf(server.pid);
    const figures = (r: typeof lessonResult): Figures => ({
      ...r.median,
      requests: r.totals.requests,
      failed: r.totals.errors + r.totals.non2xx,
    });
    const result: WebResult = {
      database,
      learners: created(),
      quizLearners: learners.length,
      lesson: figures(lessonResult),
      quiz: figures(outcome.result),
      oneAtATimeMs,
      loadersMs,
      correctness: correctnessRows("quiz", outcome),
      activity: lessonSamples.activity && quizSamples.activity ? { lesson: lessonSamples.activity, quiz: quizSamples.activity } : null,
      cpu:
        lessonSamples.cpu && quizSamples.cpu
          ? {
              lesson: { ...lessonSamples.cpu, requests: measuredRequests(lessonResult) },
              quiz: { ...quizSamples.cpu, requests: measuredRequests(outcome.result) },
            }
          : null,
      serverMemoryMb: memory?.peakMb ?? null,
      load: { start: loadAtStart, end: loadavg()[0] ?? 0 },
      notes: b.notes,
    };
    writeFileSync(env("BENCH_RESULT"), JSON.stringify(result));
  } finally {
    await server?.stop();
    await data.closeData();
  }
}

main().catch((error) => {
  status.log("");
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
