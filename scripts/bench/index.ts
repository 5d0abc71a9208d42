// npm run bench [-- lesson|mdx|quiz|js|real|profile ...] [--quiz-seconds 30] [--seconds 10] [--warmup 3] [--rounds 3]
//                [--connections N] [--gzip] [--double-every 10] [--no-build] [--write]
// Builds the production app, starts it on its own port against a fresh SQLite database with synthetic
// learners, measures it against baselines taken in the same run and, for a full run (or with --write),
// records the results in docs/benchmarks.md under "Load and concurrency" and "Real learner path".
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { PARTS, benchLesson, newBench, numberOption, type Bench, type Options, type Part, type Row } from "./context";
import { PROFILE_SECTION, REAL_SECTION, profileSection, realSection, realTerminal } from "./real-report";
import { SECTION, machine, markdownSection, terminalTable, writeSection } from "./report";
import { BUILD_DIR, memoryOf, scratchDir, signInOnce, startServer, step } from "./setup";
import { status } from "./status";

const DOC = join("docs", "benchmarks.md");
const READERS = 100;

function parseOptions(argv: string[]): Options {
  const number = (name: string, fallback: number) => numberOption(argv, name, fallback);
  const valued = new Set(["--quiz-seconds", "--seconds", "--warmup", "--rounds", "--connections", "--double-every"]);
  const positional = argv.filter((a, i) => !a.startsWith("--") && !valued.has(argv[i - 1] ?? ""));
  const unknown = positional.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length > 0) throw new Error(`Unknown part ${unknown.join(", ")}: choose from ${PARTS.join(", ")}`);
  const parts = positional.length > 0 ? PARTS.filter((p) => positional.includes(p)) : [...PARTS];
  return {
    parts,
    connections: number("--connections", 2 * availableParallelism() + 1),
    lessonSeconds: number("--seconds", 10),
    quizSeconds: number("--quiz-seconds", 30),
    warmupSeconds: number("--warmup", 3),
    rounds: number("--rounds", 3),
    gzip: argv.includes("--gzip"),
    doubleEvery: number("--double-every", 10),
    build: !argv.includes("--no-build"),
    write: argv.includes("--write") || parts.length === PARTS.length,
  };
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const started = performance.now();
  const m = machine();
  status.log(`Baton benchmark: ${options.parts.join(", ")} · ${m.cpu}, ${m.cores} cores, ${m.memoryGb.toFixed(1)} GB, Node ${m.node}`);
  const scratch = scratchDir();
  const log = (name: string) => join(scratch.dir, `${name}.log`);
  const contentOut = join(scratch.dir, "content");
  const databaseFile = join(scratch.dir, "bench.db");
  const databaseUrl = `file:${databaseFile}`;
  let stopServer = async () => {};
  let closeData = async () => {};
  try {
    if (options.build) {
      await step("Prisma client", "npx", ["prisma", "generate"], {}, log("build"));
      await step(`Production build (${BUILD_DIR}/)`, "npx", ["remix", "vite:build"], { BUILD_DIR }, log("build"));
    } else if (!existsSync(join(BUILD_DIR, "server", "index.js"))) {
      throw new Error(`--no-build needs an earlier build in ${BUILD_DIR}/`);
    }
    const contentEnv = { CONTENT_OUT_DIR: contentOut };
    const contentBuildColdMs = await step(
      "content:build from an empty cache",
      process.execPath,
      ["--import", "tsx", "scripts/content-build.ts"],
      contentEnv,
      log("content"),
    );
    const contentBuildWarmMs = await step(
      "content:build again, cache warm",
      process.execPath,
      ["--import", "tsx", "scripts/content-build.ts"],
      contentEnv,
      log("content"),
    );
    await step("Migrate a fresh database", process.execPath, ["scripts/db-migrate.mjs"], { DATABASE_URL: databaseUrl }, log("migrate"));

    // From here on this process reads the same database and content as the server, with the server's settings.
    Object.assign(process.env, { DATABASE_URL: databaseUrl, NODE_ENV: "production", CONTENT_OUT_DIR: contentOut });
    const data = await import("./data");
    closeData = data.closeData;
    const { getCatalog } = await import("../../app/.server/content/catalog");
    const catalog = getCatalog();
    const { course, lesson } = benchLesson(catalog);

    const { newLearners, created } = data.learnerSupply();
    const readers = await newLearners(READERS);
    const serverEnv = { NODE_ENV: "production", BUILD_DIR, DATABASE_URL: databaseUrl, CONTENT_OUT_DIR: contentOut };
    const server = await startServer("Baton", ["server.mjs"], serverEnv, log("server"), "/login");
    stopServer = server.stop;
    status.log(`Baton is running at ${server.origin} (pid ${server.pid}).`);
    await signInOnce(server.origin, readers[0]!.email, data.BENCH_PASSWORD);

    const bench = newBench({
      options,
      dir: scratch.dir,
      databaseFile,
      contentOut,
      server,
      serverEnv,
      course,
      lesson,
      readers,
      newLearners,
      timings: { contentBuildColdMs, contentBuildWarmMs, lessonCount: catalog.courses.reduce((n, c) => n + c.lessons.length, 0) },
    });
    const runners: Record<Part, (b: Bench) => Promise<void>> = {
      lesson: async (b) => (await import("./lesson")).lessonPart(b),
      mdx: async (b) => (await import("./mdx")).mdxPart(b),
      quiz: async (b) => (await import("./quiz")).quizPart(b),
      js: async (b) => (await import("./js")).jsPart(b),
      real: async (b) => (await import("./real")).realPart(b),
      profile: async (b) => (await import("./profile")).profilePart(b),
    };
    // The real learner path and its profile have their own section in docs/benchmarks.md, with their own notes.
    const ownSection = (part: Part) => part === "real" || part === "profile";
    const realNotes: string[] = [];
    for (const part of options.parts) {
      status.log(`\n── ${part} ──`);
      const before = bench.notes.length;
      await runners[part](bench);
      if (ownSection(part)) realNotes.push(...bench.notes.splice(before));
    }

    const memory = memoryOf(server.pid);
    const rows: Row[] = [
      ...bench.rows,
      {
        part: "server",
        figure: "Server memory after the run: RSS (peak)",
        value: memory ? `${Math.round(memory.rssMb)} MB (${Math.round(memory.peakMb)} MB)` : "n/a",
        baseline: "—",
        ratio: "—",
        goal: "—",
        met: null,
      },
    ];
    await stopServer();
    stopServer = async () => {};

    const goals = [...rows, ...(bench.real?.goals ?? []), ...(bench.profile ? [bench.profile.goal] : [])];
    const missed = goals.filter((r) => r.met === false);
    console.log(`\n${terminalTable(rows)}\n`);
    if (bench.real || bench.profile) console.log(realTerminal(bench.real, bench.profile));
    for (const note of [...bench.notes, ...realNotes]) console.log(`• ${note}`);
    console.log(
      `\n${missed.length === 0 ? "Every goal met" : `${missed.length} goal(s) missed`} · ${((performance.now() - started) / 1000).toFixed(0)} s in all.`,
    );
    if (options.write) {
      const extra = { full: options.parts.length === PARTS.length, loadAtStart: m.load, seconds: (performance.now() - started) / 1000 };
      const written: string[] = [];
      if (options.parts.some((p) => !ownSection(p))) {
        writeSection(DOC, markdownSection(rows, bench.notes, options, { ...extra, learners: created() }));
        written.push(SECTION.slice(3));
      }
      if (bench.real) {
        writeSection(DOC, realSection(bench.real, bench.profile, realNotes, options, extra));
        written.push(REAL_SECTION.slice(3));
      } else if (bench.profile) {
        writeSection(DOC, profileSection(bench.profile), REAL_SECTION);
        written.push(PROFILE_SECTION.slice(4));
      }
      console.log(`Results written to ${DOC} (${written.join("; ")}).`);
    } else {
      console.log(`${DOC} not updated (a partial run; add --write to record it).`);
    }
  } finally {
    await stopServer();
    await closeData();
    if (process.env.BENCH_KEEP) console.log(`Scratch files kept in ${scratch.dir}`);
    else scratch.remove();
  }
}

main().catch((error) => {
  status.log("");
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
