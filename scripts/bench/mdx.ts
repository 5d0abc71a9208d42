// (b) MDX is never compiled per request: warm page vs the same page with compiled content dropped from
// memory before each request, vs what a per-request compile would add. Also the content:build times.
import { readFileSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { compileLesson } from "../../app/.server/content/compile";
import { fmt, pageHeaders, type Bench } from "./context";
import { median } from "./load";
import { BUILD_DIR } from "./setup";
import { status } from "./status";

const ROUNDS = 3;
const REQUESTS_PER_ROUND = 100;

/** Median latency (ms) of one-at-a-time requests for the lesson page; `before` runs ahead of each one. */
export async function sequentialLatency(b: Bench, label: string, before: (i: number) => void = () => {}) {
  const headers = pageHeaders(b, b.readers[0]!);
  const url = b.server.origin + b.lessonPath;
  const medians: number[] = [];
  let n = 0;
  for (let round = 0; round <= ROUNDS; round++) {
    const times: number[] = [];
    for (let i = 0; i < REQUESTS_PER_ROUND; i++) {
      before(n++);
      const started = performance.now();
      const response = await fetch(url, { headers, redirect: "manual" });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${label}: HTTP ${response.status}`);
      times.push(performance.now() - started);
    }
    if (round > 0) medians.push(median(times)); // round 0 warms up
    status.update(`${label} · round ${round}/${ROUNDS}`);
  }
  return median(medians);
}

/** The warm page one request at a time: measured once per run, shown once in the table. */
export async function oneAtATime(b: Bench, part: "lesson" | "mdx") {
  if (b.oneAtATimeMs === undefined) {
    b.oneAtATimeMs = await sequentialLatency(b, "Lesson page, warm, one request at a time");
    b.rows.push({
      part,
      figure: "Lesson page, warm, one request at a time: median latency",
      value: fmt.ms(b.oneAtATimeMs),
      baseline: "—",
      ratio: "—",
      goal: "—",
      met: null,
    });
  }
  return b.oneAtATimeMs;
}

function lessonSource(b: Bench) {
  const file = `${String(b.lesson.number).padStart(2, "0")}-${b.lesson.slug}.mdx`;
  return readFileSync(join("content", "courses", b.course.slug, file), "utf8");
}

/** The same compile the build runs (mdx-bundler + Baton's lesson rules), without the cache. */
async function compileTime(source: string) {
  const times: number[] = [];
  for (let i = 0; i <= 5; i++) {
    const started = performance.now();
    const out = await compileLesson(source, null);
    if (!out.code) throw new Error(`the lesson does not compile: ${out.problems.map((p) => p.message).join("; ")}`);
    if (i > 0) times.push(performance.now() - started);
    status.update(`MDX compile (${wordsIn(source)}) · ${i}/5`);
  }
  return median(times);
}
const wordsIn = (source: string) => `${Math.round(source.split(/\s+/).length).toLocaleString("en")} words`;

export async function mdxPart(b: Bench) {
  const warm = await oneAtATime(b, "mdx");
  // Touching catalog.json makes the server re-read and re-validate the catalog and drop every compiled
  // lesson it holds in memory (the dev watcher relies on this), so each request starts from the files.
  const catalogFile = join(b.contentOut, "catalog.json");
  const base = Date.now() / 1000;
  const cleared = await sequentialLatency(b, "Lesson page, content caches dropped before each request", (i) =>
    utimesSync(catalogFile, base, base + (i + 1) * 0.01),
  );
  const source = lessonSource(b);
  const compile = await compileTime(source);
  const perRequest = warm + compile;
  const speedup = perRequest / warm;
  const serverBundle = readFileSync(join(BUILD_DIR, "server", "index.js"), "utf8");
  const bundlesCompiler = /from\s+["']mdx-bundler["']|require\(["']mdx-bundler["']\)|from\s+["']esbuild["']/.test(serverBundle);
  status.log(`MDX: warm ${fmt.ms(warm)}, caches dropped ${fmt.ms(cleared)}, compile ${fmt.ms(compile)} per lesson.`);

  b.rows.push(
    {
      part: "mdx",
      figure: "… with catalog and compiled lessons dropped from memory before each request",
      value: fmt.ms(cleared),
      baseline: fmt.ms(warm),
      ratio: fmt.times(cleared / warm),
      goal: "—",
      met: null,
    },
    {
      part: "mdx",
      figure: `MDX compile of this lesson (${wordsIn(source)}, as content:build does it)`,
      value: fmt.ms(compile),
      baseline: "—",
      ratio: "—",
      goal: "—",
      met: null,
    },
    {
      part: "mdx",
      figure: "Warm page vs the page with the MDX compiled per request",
      value: fmt.ms(warm),
      baseline: fmt.ms(perRequest),
      ratio: `${fmt.times(speedup)} faster`,
      goal: "≥ 20× faster",
      met: speedup >= 20,
    },
    {
      part: "mdx",
      figure: "Server bundle contains the MDX compiler",
      value: bundlesCompiler ? "yes" : "no",
      baseline: "—",
      ratio: "—",
      goal: "no",
      met: !bundlesCompiler,
    },
    {
      part: "mdx",
      figure: `content:build from an empty cache (${b.timings.lessonCount} lessons)`,
      value: fmt.s(b.timings.contentBuildColdMs),
      baseline: fmt.s(b.timings.contentBuildWarmMs),
      ratio: `${fmt.times(b.timings.contentBuildColdMs / b.timings.contentBuildWarmMs)} the cached build`,
      goal: "—",
      met: null,
    },
  );
  if (speedup < 20) {
    b.notes.push(
      `The warm page is ${fmt.times(speedup)} faster than the same page with its MDX compiled per request, short of 20× by ` +
        `${fmt.times(20 / speedup)}. The goal assumes a compile costs far more than a page: here a warm compile of this ` +
        `${wordsIn(source)} lesson takes ${fmt.ms(compile)} while the page itself (database, React render of the lesson and quiz) ` +
        `takes ${fmt.ms(warm)}. What the goal guards does hold: Baton never compiles at request time — with the catalog and ` +
        `every compiled lesson dropped from memory before each request the page costs ${fmt.times(cleared / warm)} the warm ` +
        "one (it reads the precompiled file), and the server bundle has no compiler in it. A per-request compile would add " +
        `${fmt.ms(compile)} of main-thread work to every page view.`,
    );
  }
}
