import { offeredTo } from "~/.server/content/offered";
import type { Catalog, CatalogCourse, CatalogLesson } from "../../app/.server/content/schema";
import type { Learner } from "./data";
import type { BenchRequest } from "./load";
import type { ProfileReport, RealReport } from "./real-report";
import type { RealWorld } from "./real-world";
import type { RunningServer } from "./setup";

export type Options = {
  parts: Part[];
  /** Simultaneous connections for every load test (default 2 × cores + 1). */
  connections: number;
  /** Seconds per measured round of the lesson-page tests. */
  lessonSeconds: number;
  /** Seconds per measured round of the quiz test. */
  quizSeconds: number;
  warmupSeconds: number;
  rounds: number;
  /** Send Accept-Encoding: gzip to Baton and to the baseline alike. */
  gzip: boolean;
  /** One submission in this many is sent twice at once. */
  doubleEvery: number;
  build: boolean;
  write: boolean;
};

export const PARTS = ["lesson", "mdx", "quiz", "js", "real", "profile"] as const;
export type Part = (typeof PARTS)[number];

/** One line of the results table. `met` is null for figures without a goal; `by` says how far a missed goal is. */
export type Row = {
  part: Part | "server";
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
  goal: string;
  met: boolean | null;
  by?: string;
};

export type Bench = {
  options: Options;
  dir: string;
  databaseFile: string;
  contentOut: string;
  server: RunningServer;
  /** The environment Baton's server was started with (a second server for profiling gets the same). */
  serverEnv: Record<string, string>;
  course: CatalogCourse;
  lesson: CatalogLesson;
  lessonPath: string;
  /** Learners who only read the lesson page (never submit), so it looks the same on every request. */
  readers: Learner[];
  /** New learners for the quiz test, made on demand. */
  newLearners: (count: number) => Promise<Learner[]>;
  timings: { contentBuildColdMs: number; contentBuildWarmMs: number; lessonCount: number };
  /** Lesson page req/s at the benchmark's concurrency, once measured. */
  lessonRps?: number;
  /** Median latency of the lesson page one request at a time, once measured. */
  oneAtATimeMs?: number;
  rows: Row[];
  /** The real learner path's organisation, built once for the real and profile parts. */
  realWorld?: Promise<RealWorld>;
  /** The real learner path's results (own section of docs/benchmarks.md), and the lesson page's CPU profile. */
  real?: RealReport;
  profile?: ProfileReport;
  /** Where a goal is missed or something needs saying: by how much and why. */
  notes: string[];
};

/** A run's shared state: the lesson page's path follows from the lesson, and results start empty. */
export const newBench = (parts: Omit<Bench, "lessonPath" | "rows" | "notes">): Bench => ({
  ...parts,
  lessonPath: `/learn/${parts.course.slug}/${parts.lesson.slug}`,
  rows: [],
  notes: [],
});

export const pageHeaders = (b: Bench, learner: Learner): Record<string, string> => ({
  cookie: learner.cookie,
  accept: "text/html",
  ...(b.options.gzip ? { "accept-encoding": "gzip" } : {}),
});

/** GETs of one page, rotating over the people signed in to ask for it. */
export function pageRequests(b: Bench, path: string, who: Learner[]): () => BenchRequest {
  let i = 0;
  return () => ({ method: "GET", path, headers: pageHeaders(b, who[i++ % who.length]!) });
}

/** Lesson page GETs, rotating over the reader learners. */
export const lessonRequests = (b: Bench) => pageRequests(b, b.lessonPath, b.readers);

/** The positive number after `name` on the command line, or `fallback` when the option is not given. */
export function numberOption(argv: string[], name: string, fallback: number): number {
  const at = argv.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} needs a positive number`);
  return value;
}

/** The lesson every page benchmark measures: the first learner course's first lesson with a quiz. */
export function benchLesson(catalog: Catalog): { course: CatalogCourse; lesson: CatalogLesson } {
  const course = catalog.courses.find((c) => offeredTo(c, "LEARNER") && c.lessons.some((l) => l.quiz));
  const lesson = course?.lessons.find((l) => l.quiz);
  if (!course || !lesson) throw new Error("The course library has no learner course with a quiz to benchmark.");
  return { course, lesson };
}

export const fmt = {
  rps: (n: number) => `${Math.round(n).toLocaleString("en")} req/s`,
  ms: (n: number) => `${n < 1 ? n.toFixed(2) : n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString("en")} ms`,
  pct: (n: number) => `${(n * 100).toFixed(n < 0.1 ? 1 : 0)} %`,
  times: (n: number) => `${n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString("en")}×`,
  kb: (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`,
  s: (ms: number) => `${(ms / 1000).toFixed(1)} s`,
};
