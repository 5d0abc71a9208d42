// (a) The lesson page, signed in and warm, against a bare node:http server sending the same bytes.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fmt, lessonRequests, type Bench } from "./context";
import { measure, median, type BenchRequest, type LoadResult } from "./load";
import { oneAtATime } from "./mdx";
import { startServer } from "./setup";
import { status } from "./status";

/** A page as Baton sends it (decoded) to `cookie`, checked to be the signed-in page (containing `expect`) and not a sign-in redirect. */
export async function fetchPage(b: Bench, path: string, cookie: string, expect: string): Promise<Buffer> {
  const response = await fetch(b.server.origin + path, { headers: { cookie }, redirect: "manual" });
  const html = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200 || !html.includes(expect)) {
    throw new Error(`${path} did not render for a signed-in user (HTTP ${response.status}); see ${b.server.logFile}`);
  }
  return html;
}

/** The lesson page as Baton sends it to the first reader. */
export const fetchLessonHtml = (b: Bench) => fetchPage(b, b.lessonPath, b.readers[0]!.cookie, b.lesson.title);

export const loadSpec = (b: Bench, label: string, origin: string, next: () => BenchRequest = lessonRequests(b)) => ({
  label,
  origin,
  connections: b.options.connections,
  seconds: b.options.lessonSeconds,
  warmupSeconds: b.options.warmupSeconds,
  rounds: b.options.rounds,
  next,
});

export function reportFailures(b: Bench, result: LoadResult) {
  const { errors, non2xx, statusCodes } = result.totals;
  if (errors + non2xx === 0) return;
  const codes = Object.entries(statusCodes)
    .map(([c, n]) => `${n}× ${c}`)
    .join(", ");
  b.notes.push(`${result.label}: ${errors} connection errors and ${non2xx} non-2xx responses (${codes}) — these figures are not valid.`);
}

/** Lesson page throughput at the benchmark's concurrency (also the quiz test's point of comparison). */
export async function measureLessonPage(b: Bench): Promise<LoadResult> {
  const result = await measure(loadSpec(b, "Lesson page (Baton)", b.server.origin));
  reportFailures(b, result);
  b.lessonRps = result.median.rps;
  return result;
}

/**
 * Median time of the page's route loaders (the app layout's and the lesson's, side by side as Remix runs
 * them), called in this process against the same database: the data side of a request.
 */
export async function loaderTime(b: Bench) {
  const { loader: appLoader } = await import("../../app/routes/_app");
  const { loader: lessonLoader } = await import("../../app/routes/_app.learn.$courseSlug.$lessonSlug");
  const params = { courseSlug: b.course.slug, lessonSlug: b.lesson.slug };
  const times: number[] = [];
  for (let i = 0; i < 220; i++) {
    const request = new Request(b.server.origin + b.lessonPath, { headers: { cookie: b.readers[0]!.cookie } });
    const started = performance.now();
    await Promise.all([appLoader({ request, params: {}, context: {} }), lessonLoader({ request, params, context: {} })]);
    if (i >= 20) times.push(performance.now() - started);
    if (i % 20 === 0) status.update(`Route loaders in-process · ${i}/220`);
  }
  return median(times);
}

/**
 * The bare node:http baseline for one page: it serves `html` (as Baton sent it) to the same load as Baton gets.
 * `name` names the scratch file and the log.
 */
export async function measureBaseline(b: Bench, name: string, html: Buffer, next: () => BenchRequest): Promise<LoadResult> {
  const file = join(b.dir, `${name}.html`);
  writeFileSync(file, html);
  const baseline = await startServer(
    "Baseline server",
    ["--import", "tsx", "scripts/bench/baseline-server.ts", file, ...(b.options.gzip ? ["--gzip"] : [])],
    {},
    join(b.dir, `baseline-${name}.log`),
  );
  try {
    const base = await measure(loadSpec(b, "Same bytes from bare node:http", baseline.origin, next));
    reportFailures(b, base);
    return base;
  } finally {
    await baseline.stop();
  }
}

export async function lessonPart(b: Bench) {
  const html = await fetchLessonHtml(b);
  status.log(`Lesson page ${b.lessonPath}: ${fmt.kb(html.length)} of HTML; the baseline serves these bytes${b.options.gzip ? ", gzipped per request" : ""}.`);
  const base = await measureBaseline(b, "lesson", html, lessonRequests(b));
  const baton = await measureLessonPage(b);

  const share = baton.median.rps / base.median.rps;
  const p99Ratio = baton.median.p99 / base.median.p99;
  b.rows.push(
    {
      part: "lesson",
      figure: "Lesson page, signed in, warm: throughput",
      value: fmt.rps(baton.median.rps),
      baseline: fmt.rps(base.median.rps),
      ratio: fmt.pct(share),
      goal: "≥ 25 % of baseline",
      met: share >= 0.25,
    },
    {
      part: "lesson",
      figure: "Lesson page: p50 latency",
      value: fmt.ms(baton.median.p50),
      baseline: fmt.ms(base.median.p50),
      ratio: fmt.times(baton.median.p50 / base.median.p50),
      goal: "—",
      met: null,
    },
    {
      part: "lesson",
      figure: "Lesson page: p99 latency",
      value: fmt.ms(baton.median.p99),
      baseline: fmt.ms(base.median.p99),
      ratio: fmt.times(p99Ratio),
      goal: "≤ 10× baseline",
      met: p99Ratio <= 10,
    },
  );
  // Where one request's time goes: the whole page one at a time, and the data side of it alone.
  const single = await oneAtATime(b, "lesson");
  const loaders = await loaderTime(b);
  b.rows.push({
    part: "lesson",
    figure: "… of which route loaders (session, access, progress: SQLite through Prisma)",
    value: fmt.ms(loaders),
    baseline: "—",
    ratio: `${fmt.pct(loaders / single)} of it`,
    goal: "—",
    met: null,
  });
  if (share < 0.25) {
    b.notes.push(
      `Lesson page throughput is ${fmt.pct(share)} of the bare server's, short of 25 % by a factor of ${fmt.times(0.25 / share)}. ` +
        "The baseline writes a buffer it already has; Baton authenticates the session (database), checks course access and " +
        "reads progress, attempts and reflections (database), then renders the whole lesson — React, the MDX component and " +
        "the quiz — to HTML and serialises the loader data into the page, all on one JavaScript thread. " +
        `One request at a time takes ${fmt.ms(single)}, ${fmt.ms(loaders)} of it in the route loaders (eight SQL queries through Prisma, ` +
        "which STACK.md measured at ≈ 0.45 ms per simple query against ≈ 0.01 ms for a raw prepared statement) and the rest in rendering, " +
        `Remix and HTTP. With no database time at all the page would still reach only about ${fmt.pct((share * single) / Math.max(single - loaders, 0.001))} ` +
        "of the baseline: 25 % of a server that only copies bytes is out of reach for a page rendered by React on each request.",
    );
  }
  if (p99Ratio > 10) {
    b.notes.push(
      `Lesson page p99 latency is ${fmt.times(p99Ratio)} the baseline's (goal ≤ 10×): with ${b.options.connections} connections queueing ` +
        `on one thread, latency is roughly connections ÷ throughput, so it follows the throughput gap above.`,
    );
  }
}
