// (e) The pages a real new hire, their manager and HR open — new hires with an in-order curriculum part-way done
// and quiz attempts behind them (real-world.ts), so every request pays the assigned-courses lookup and the
// history — each against two baselines: a bare node:http server sending the same bytes, and the smallest Remix
// app rendering the same markup with no data (the framework's own ceiling). Then quiz submissions on the same
// path. Imported by index.ts only once DATABASE_URL points at the benchmark's database (like data.ts).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fmt, pageRequests, type Bench, type Row } from "./context";
import { fetchPage, loadSpec, measureBaseline, reportFailures } from "./lesson";
import { measure, type BenchRequest, type LoadResult } from "./load";
import { correctnessRows, learnersNeeded, runSubmissions } from "./quiz";
import type { Figures, PageResult, RealReport } from "./real-report";
import { copyHistory, realWorld } from "./real-world";
import { startServer } from "./setup";
import { status } from "./status";

/** Issue 16's goals for the lesson page on this path, one process. */
const GOALS = { ofBare: 0.05, ofRemix: 0.5, p99TimesBare: 20 };

/**
 * The minimal Remix baseline for one page (remix-baseline-server.tsx): the page's markup without its data, under the
 * same load as Baton gets. Returns the figures and the size of the page it sends.
 */
async function measureRemixBaseline(b: Bench, name: string, html: Buffer, path: string, expect: string, next: () => BenchRequest) {
  const file = join(b.dir, `${name}.html`);
  writeFileSync(file, html);
  const server = await startServer(
    "Minimal Remix baseline",
    ["--import", "tsx", "scripts/bench/remix-baseline-server.tsx", file],
    { NODE_ENV: "production" },
    join(b.dir, `remix-baseline-${name}.log`),
  );
  try {
    const response = await fetch(server.origin + path);
    const page = await response.text();
    if (response.status !== 200 || !page.includes(expect)) throw new Error(`The minimal Remix baseline did not render ${path}; see ${server.logFile}`);
    const result = await measure(loadSpec(b, "Same markup from a minimal Remix app", server.origin, next));
    reportFailures(b, result);
    return { result, bytes: Buffer.byteLength(page) };
  } finally {
    await server.stop();
  }
}

/** A "reach at least this share of a baseline's requests/s" goal, and how far short a miss is. */
const shareGoal = (figure: string, share: number, goal: number, baseline: Figures, baton: Figures): Row => ({
  part: "real",
  figure,
  value: fmt.pct(share),
  baseline: fmt.rps(baseline.rps),
  ratio: fmt.rps(baton.rps),
  goal: `≥ ${fmt.pct(goal)}`,
  met: share >= goal,
  by: share >= goal ? undefined : `${fmt.times(goal / share)} short`,
});

function lessonGoals(lesson: PageResult): Row[] {
  const p99 = lesson.baton.p99 / lesson.bare.p99;
  const p99Met = p99 <= GOALS.p99TimesBare;
  return [
    shareGoal("Lesson page: Baton's requests/s ÷ the bare node:http baseline's", lesson.baton.rps / lesson.bare.rps, GOALS.ofBare, lesson.bare, lesson.baton),
    shareGoal("Lesson page: Baton's requests/s ÷ the minimal Remix baseline's", lesson.baton.rps / lesson.remix.rps, GOALS.ofRemix, lesson.remix, lesson.baton),
    {
      part: "real",
      figure: "Lesson page: Baton's p99 ÷ the bare node:http baseline's",
      value: fmt.times(p99),
      baseline: fmt.ms(lesson.bare.p99),
      ratio: fmt.ms(lesson.baton.p99),
      goal: `≤ ${GOALS.p99TimesBare}×`,
      met: p99Met,
      by: p99Met ? undefined : `${fmt.times(p99 / GOALS.p99TimesBare)} over`,
    },
  ];
}

/** Which part of the lesson page's gap to the bare server is the framework's, and which is Baton's own. */
function gapNote(lesson: PageResult) {
  const framework = lesson.bare.rps / lesson.remix.rps;
  const ours = lesson.remix.rps / lesson.baton.rps;
  return (
    `Lesson page: Baton answers ${fmt.times(lesson.bare.rps / lesson.baton.rps)} fewer requests a second than the bare server sending its bytes. ` +
    `The minimal Remix app rendering the same markup with no data answers ${fmt.times(framework)} fewer than the bare server: that much is ` +
    `Remix, React and express themselves. The other ${fmt.times(ours)} (Baton at ${fmt.pct(1 / ours)} of the minimal app, goal ≥ ` +
    `${fmt.pct(GOALS.ofRemix)}) is Baton's own: its middleware, the session check, its loaders (cached per person, docs/decisions/014), rendering its ` +
    `components and serialising the loader data (${fmt.kb(lesson.bytes.baton - lesson.bytes.remix)} more HTML than the minimal app's). ` +
    "The CPU profile of the lesson page (bench profile) says where that time goes."
  );
}

export async function realPart(b: Bench) {
  if (!b.lesson.quiz) throw new Error(`${b.lessonPath} has no quiz`);
  const world = await realWorld(b);
  const pages = [
    { page: "Lesson page", path: b.lessonPath, who: "new hire", people: world.team, expect: b.lesson.title },
    { page: "My learning", path: "/learn", who: "new hire", people: world.team, expect: b.course.title },
    { page: "Course page", path: `/learn/${b.course.slug}`, who: "new hire", people: world.team, expect: b.course.title },
    { page: "Team view", path: "/team", who: `manager of ${world.team.length}`, people: [world.manager], expect: world.teamName },
    { page: "Readiness report, first page", path: "/hr/readiness", who: "HR", people: [world.hr], expect: "Readiness" },
  ];
  const results: PageResult[] = [];
  const failed: LoadResult[] = [];
  for (const [n, page] of pages.entries()) {
    const html = await fetchPage(b, page.path, page.people[0]!.cookie, page.expect);
    const next = () => pageRequests(b, page.path, page.people);
    const bare = await measureBaseline(b, `real-${n}`, html, next());
    const remix = await measureRemixBaseline(b, `real-${n}-remix`, html, page.path, page.expect, next());
    status.log(`${page.path}: ${fmt.kb(html.length)} from Baton and the bare baseline, ${fmt.kb(remix.bytes)} from the minimal Remix app.`);
    const baton = await measure(loadSpec(b, `${page.page} (Baton)`, b.server.origin, next()));
    reportFailures(b, baton);
    for (const r of [bare, remix.result, baton]) if (r.totals.errors + r.totals.non2xx > 0) failed.push(r);
    results.push({ ...page, bytes: { baton: html.length, remix: remix.bytes }, baton: baton.median, bare: bare.median, remix: remix.result.median });
  }

  // Quiz submissions on this path: new hires at the same point as the team, each submitting their second
  // attempt onwards (the first, failed, is their history).
  const lessonRps = results[0]!.baton.rps;
  const cohort = await b.newLearners(learnersNeeded(b, lessonRps, b.options.lessonSeconds, 2, 100));
  await copyHistory(b, world, cohort);
  const outcome = await runSubmissions(b, { label: "Quiz submissions (real path)", learners: cohort, firstAttempt: 2, seconds: b.options.lessonSeconds });

  const goals = lessonGoals(results[0]!);
  if (goals.some((g) => g.met === false)) b.notes.push(gapNote(results[0]!));

  const report: RealReport = {
    world: { team: world.team.length, courses: world.courses, lessonsDone: world.lessonsDone, quizzesPassed: world.quizzesPassed, learners: world.learners },
    pages: results,
    allAnswered: failed.length === 0,
    quiz: { learners: cohort.length, lessonRps, result: outcome.result.median, requests: outcome.result.totals.requests },
    goals: [...goals, ...correctnessRows("real", outcome)],
  };
  b.real = report;
}
