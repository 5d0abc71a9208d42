// The real learner path's results (parts real and profile), for the terminal and for their own section of
// docs/benchmarks.md.
import type { ProfileShares, Share } from "./cpu-profile";
import { fmt, type Options, type Row } from "./context";
import type { LoadResult } from "./load";
import { mark, markdownTable, plainTable, runLine } from "./report";

export const REAL_SECTION = "## Real learner path (bench real)";
export const PROFILE_SECTION = "### CPU profile of the lesson page (bench profile)";
/** Buckets listed in the profile table; the rest are summed in one line. */
const TOP = 12;

export type Figures = LoadResult["median"];

export type PageResult = {
  page: string;
  path: string;
  who: string;
  /** Bytes of HTML: Baton's (which the bare baseline sends too) and the minimal Remix app's. */
  bytes: { baton: number; remix: number };
  baton: Figures;
  bare: Figures;
  remix: Figures;
};

export type RealReport = {
  world: { team: number; courses: number; lessonsDone: number; quizzesPassed: number; learners: number };
  pages: PageResult[];
  /** Every request of every page, Baton's and the baselines', answered 2xx. */
  allAnswered: boolean;
  quiz: { learners: number; lessonRps: number; result: Figures; requests: number };
  goals: Row[];
};

export type ProfileReport = {
  shares: ProfileShares;
  intervalUs: number;
  /** The lesson page's throughput with the profiler on. */
  rps: number;
  prisma: Share;
  prismaAndSqlite: Share;
  goal: Row;
};

export const PRISMA_GOAL = 0.1;

const pageHead = [
  "page (who asks)",
  "HTML: Baton = bare / minimal Remix",
  "Baton",
  "bare node:http",
  "Baton ÷ bare",
  "minimal Remix",
  "Baton ÷ minimal Remix",
  "p99: Baton / bare",
  "p99 ÷ bare",
];

function pageRows(report: RealReport, code: (s: string) => string): string[][] {
  const rows = report.pages.map((p) => [
    `${p.page}, ${code(p.path)} (${p.who})`,
    `${fmt.kb(p.bytes.baton)} / ${fmt.kb(p.bytes.remix)}`,
    fmt.rps(p.baton.rps),
    fmt.rps(p.bare.rps),
    fmt.pct(p.baton.rps / p.bare.rps),
    fmt.rps(p.remix.rps),
    fmt.pct(p.baton.rps / p.remix.rps),
    `${fmt.ms(p.baton.p99)} / ${fmt.ms(p.bare.p99)}`,
    fmt.times(p.baton.p99 / p.bare.p99),
  ]);
  const q = report.quiz;
  const lesson = report.pages[0]!.path;
  rows.push([
    `Quiz submission, ${code(`POST ${lesson}`)} (new hire, 2nd or 3rd attempt)`,
    "—",
    fmt.rps(q.result.rps),
    "—",
    "—",
    "—",
    "—",
    `${fmt.ms(q.result.p99)} / —`,
    "—",
  ]);
  return rows;
}

const goalHead = ["goal (issue 16)", "Baton", "goal", "compared with", ""];
const goalRows = (goals: Row[], missed: string) => goals.map((g) => [g.figure, g.value, g.goal, g.baseline === "—" ? "" : g.baseline, mark(g, missed)]);

function profileRows(p: ProfileReport): string[][] {
  const top = p.shares.buckets.slice(0, TOP);
  const rest = p.shares.buckets.slice(TOP);
  const row = (name: string, s: { share: number; ms: number }) => [name, fmt.pct(s.share), fmt.ms(s.ms)];
  const rows = top.map((b) => row(b.name, b));
  if (rest.length > 0) {
    const ms = rest.reduce((n, b) => n + b.ms, 0);
    rows.push(row(`${rest.length} others`, { ms, share: ms / p.shares.busyMs }));
  }
  rows.push(
    row("Prisma in all (@prisma/*, its query compiler in WebAssembly)", p.prisma),
    row("Prisma and SQLite (the above + better-sqlite3)", p.prismaAndSqlite),
  );
  return rows;
}

const profileIntro = (p: ProfileReport) =>
  "Baton's production server under the lesson page's load (the same new hires and connections), V8's CPU profiler on for the " +
  `measured rounds only: ${p.shares.samples.toLocaleString("en")} samples every ${p.intervalUs / 1000} ms over ${fmt.s(p.shares.totalMs)}, ` +
  `busy ${fmt.s(p.shares.busyMs)} of it (idle time is left out of the shares); ${fmt.rps(p.rps)} with the profiler on. Each ` +
  "function's self time counts for the package its script is in (`node_modules/<package>`; Baton's server bundle; Node's " +
  "own `node:` modules); a builtin or native function (no script: `JSON.stringify`, a socket write, a SQLite call) counts for " +
  "its caller; `(program)` is V8 and native time outside any JavaScript, `(garbage collector)` is GC.";

/** Terminal output of the real learner path and the profile, whichever ran. */
export function realTerminal(real: RealReport | undefined, profile: ProfileReport | undefined): string {
  const out: string[] = [];
  if (real) {
    out.push(
      "Real learner path",
      plainTable(
        pageHead,
        pageRows(real, (s) => s),
      ),
      "",
    );
    out.push(plainTable(goalHead, goalRows(real.goals, "MISSED")), "");
  }
  if (profile) {
    out.push("CPU profile of the lesson page, share of busy time", plainTable(["where", "share", "self time"], profileRows(profile)));
    out.push(`${profile.goal.figure}: ${profile.goal.value}, goal ${profile.goal.goal} — ${mark(profile.goal, "MISSED")}`, "");
  }
  return out.join("\n");
}

/** The profile's own subsection (written alone by `bench -- profile --write`). */
export function profileSection(p: ProfileReport): string {
  return [
    PROFILE_SECTION,
    "",
    profileIntro(p),
    "",
    ...markdownTable(["where", "share of busy time", "self time"], profileRows(p)),
    "",
    `**${p.goal.figure}: ${p.goal.value}** (goal ${p.goal.goal}): ${mark(p.goal)}.`,
    "",
  ].join("\n");
}

const how = (options: Options) => [
  "**Baton**: the production build (`NODE_ENV=production node server.mjs`), as in the section above; each page is asked for by " +
    "autocannon, rotating over the people who would see it (the new hires; the manager; HR), with their session cookies.",
  "**bare node:http** (`scripts/bench/baseline-server.ts`): answers every request with the very bytes Baton sent for that page: " +
    "the floor for sending them from Node on this machine.",
  "**minimal Remix** (`scripts/bench/remix-baseline-server.tsx`): express with compression in front of `@remix-run/express`, as " +
    "server.mjs has it, serving a `ServerBuild` made by hand without Vite — a root route rendering `<html>`, the page's `<head>`, " +
    "`<ScrollRestoration />` and `<Scripts />`, and one route, with no loader, rendering the page's `<body>` markup as Baton sent it " +
    "(without the scripts, which `<Scripts />` makes again, minus the loader data); the entry renders with `renderToPipeableStream` as " +
    "app/entry.server.tsx does. What it costs is Remix's, React's and express's own share per request for about the same bytes; " +
    "what Baton costs beyond it (its middleware, sessions, data, rendering its components) is ours.",
  "**Quiz submission**: new hires brought to the same point as the team, each submitting the form a browser without JavaScript " +
    "posts for their second attempt, then their third (started ahead as the quiz part does), under the same load as the pages; " +
    `one form in ${options.doubleEvery} is sent twice at once. Afterwards the database is read as in the quiz part: one scored ` +
    "attempt per form answered, every double submit scored once, none nobody asked for, progress beside every attempt, " +
    "`PRAGMA integrity_check`; and the server log is searched for lock and timeout errors.",
];

/** The docs/benchmarks.md section of the real learner path (and the profile, when it ran too). */
export function realSection(
  real: RealReport,
  profile: ProfileReport | undefined,
  notes: string[],
  options: Options,
  extra: { full: boolean; loadAtStart: number; seconds: number },
): string {
  const w = real.world;
  const shortRun = options.lessonSeconds < 10 || options.rounds < 3;
  const lines = [
    REAL_SECTION,
    "",
    runLine(extra),
    ...(shortRun
      ? [
          "",
          `**A short run** (${options.rounds} round${options.rounds > 1 ? "s" : ""} of ${options.lessonSeconds} s per figure after a ` +
            `${options.warmupSeconds} s warm-up): read the ratios, not the absolute figures.`,
        ]
      : []),
    "",
    `Unlike the lesson part's readers, these learners look like real new hires. HR creates an in-order curriculum of ${w.courses} ` +
      `learner courses (\`createCurriculum\`) and assigns it (\`assignPeople\`) to ${w.team} new hires on one manager's team; each has ` +
      `done the first course's other ${w.lessonsDone} lessons — its ${w.quizzesPassed} other quizzes passed at the first attempt ` +
      "(`startAttempt`, `submitAttempt`) — and failed the benchmarked lesson's quiz once, and is back for it; so every learner page " +
      "pays the assigned-courses lookup, the course-order lock and the attempt history. The quiz test's " +
      `${real.quiz.learners.toLocaleString("en")} new hires are at the same point: the curriculum assigned with \`assignPeople\`, then ` +
      "the team's first member's progress and attempt rows copied to each in bulk (the same rows, in seconds rather than minutes). " +
      "Readiness is computed for everyone before anything is measured. " +
      `Load from autocannon with ${options.connections} connections (2 × cores + 1), no pipelining, ` +
      `${options.gzip ? "gzip" : "no compression"}; the median of ${options.rounds} round${options.rounds > 1 ? "s" : ""} of ` +
      `${options.lessonSeconds} s after a ${options.warmupSeconds} s warm-up, for every figure; every baseline in the same run.`,
    "",
    ...markdownTable(
      pageHead,
      pageRows(real, (s) => `\`${s}\``),
    ),
    "",
    real.allAnswered
      ? "Every page answered 200 to every request, Baton's and the baselines'."
      : "**Some requests failed** (see below): those figures are not valid.",
    `Quiz submissions: ${real.quiz.requests.toLocaleString("en")} forms sent, at ${fmt.pct(real.quiz.result.rps / real.quiz.lessonRps)} of the ` +
      "lesson page's requests/s (a submission grades, stores and renders the page again).",
    "",
    ...markdownTable(goalHead, goalRows(real.goals, "**missed**")),
    "",
  ];
  if (profile) lines.push(profileSection(profile));
  if (notes.length > 0) lines.push("### Where a goal is missed, and why (real path)", "", ...notes.map((n) => `- ${n}`), "");
  lines.push("### How the real path is measured", "", ...how(options).map((h) => `- ${h}`), "");
  return lines.join("\n");
}
