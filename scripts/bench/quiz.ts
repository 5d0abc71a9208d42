// (c) Quiz submissions at 2 × cores + 1 connections: many distinct learners plus deliberate double submits,
// then the database is checked: one scored attempt per submitted form, nothing lost, nothing doubled.
// Attempts are started during setup, as the "Start" button would (drawn and shuffled, stored open), so the
// timed requests are the submissions alone: graded against the stored set, results stored, page rendered.
// Imported by index.ts only once DATABASE_URL points at the benchmark's database (like data.ts).
import Database from "better-sqlite3";
import { readFileSync } from "node:fs";
import { chunks } from "../../app/.server/chunks";
import { dialect, prisma } from "../../app/.server/db";
import { answerForm, type Pick } from "../../app/.server/quiz/answering";
import { buildAttemptSet, seededRandom } from "../../app/.server/quiz/draw";
import { gradeAttemptSet } from "../../app/.server/quiz/grading";
import { parseAttemptSet, type AttemptItem } from "../../app/.server/quiz/snapshot";
import { readSubmission } from "../../app/.server/quiz/submission";
import { fmt, type Bench, type Part, type Row } from "./context";
import type { Learner } from "./data";
import { measureLessonPage, reportFailures } from "./lesson";
import { measure, type BenchRequest, type LoadResult } from "./load";
import { status } from "./status";

// SQLite's busy errors, Prisma's timeouts, and PostgreSQL's lock_timeout on the write lock (docs/decisions/018).
const LOCK_ERRORS = /database is locked|SQLITE_BUSY|P1008|P2028|SocketTimeout|Operation has timed out|Transaction API error|lock timeout/gi;

/** Four kinds of learner, from one who knows every answer to one who knows none; item by item. */
const SHEETS: ((item: AttemptItem, n: number) => Pick)[] = [
  () => "right",
  (_, n) => (n % 3 !== 0 ? "right" : "wrong"),
  (_, n) => (n % 2 === 0 ? "right" : "wrong"),
  () => "wrong",
];

/** Per form (`learner:attempt`, learner = position in the list): the POST body and the score it must get. */
type Forms = Map<string, { body: string; score: number }>;

/**
 * Start every attempt the test may submit: for each learner, attempts `first` to the course's limit, each the set
 * startAttempt would draw (items seen in earlier attempts last — the ones a learner already took, and the ones
 * started here; seeded, so runs repeat), stored open. No lesson progress is written here: the submission writes
 * it, and the audit checks it did. Returns the form a browser would send for each (`q.<id>` = shown positions)
 * and the score grading must give it.
 */
async function startAttempts(b: Bench, learners: Learner[], first: number): Promise<Forms> {
  const quiz = b.lesson.quiz!;
  const seenBefore = await itemsSeen(b, learners, first);
  const forms: Forms = new Map();
  const rows: { personId: string; courseSlug: string; lessonSlug: string; courseVersion: string; attemptNumber: number; items: string }[] = [];
  learners.forEach((learner, i) => {
    const random = seededRandom(learner.index + 1);
    const seen = new Set(seenBefore.get(learner.id));
    for (let attempt = first; attempt <= b.course.attemptLimit; attempt++) {
      const set = buildAttemptSet(quiz, seen, random);
      for (const item of set.items) seen.add(item.id);
      rows.push({
        personId: learner.id,
        courseSlug: b.course.slug,
        lessonSlug: b.lesson.slug,
        courseVersion: b.course.version,
        attemptNumber: attempt,
        items: JSON.stringify(set),
      });
      const form = answerForm(set, attempt, SHEETS[i % SHEETS.length]!);
      const read = readSubmission(set, form);
      if (read.kind !== "answers") throw new Error(`The benchmark's own quiz form was refused (${read.kind}): answering.ts and submission.ts disagree.`);
      const body = new URLSearchParams([...form.entries()].map(([k, v]) => [k, String(v)])).toString();
      forms.set(`${i}:${attempt}`, { body, score: gradeAttemptSet(set, read.answers).score });
    }
  });
  let written = 0;
  for (const batch of chunks(rows, 1000)) {
    await prisma.quizAttempt.createMany({ data: batch });
    written += batch.length;
    status.update(`Starting quiz attempts … ${written.toLocaleString("en")}/${rows.length.toLocaleString("en")}`);
  }
  status.log(`Quiz attempts started ahead: ${rows.length.toLocaleString("en")} (attempts ${first} to ${b.course.attemptLimit} of each learner).`);
  return forms;
}

/** The items each learner was shown in their attempts before `first` (taken earlier, through the app). */
async function itemsSeen(b: Bench, learners: Learner[], first: number): Promise<Map<string, string[]>> {
  const seen = new Map<string, string[]>();
  if (first <= 1) return seen;
  for (const batch of chunks(learners, 500)) {
    const earlier = await prisma.quizAttempt.findMany({
      where: { personId: { in: batch.map((l) => l.id) }, courseSlug: b.course.slug, lessonSlug: b.lesson.slug, attemptNumber: { lt: first } },
      select: { personId: true, items: true },
    });
    for (const a of earlier) seen.set(a.personId, [...(seen.get(a.personId) ?? []), ...(parseAttemptSet(a.items)?.items.map((i) => i.id) ?? [])]);
  }
  return seen;
}

type Ledger = { sent: Map<string, number>; answered: Map<string, number[]>; doubles: Set<string>; overLimit: number };

function submissions(b: Bench, learners: Learner[], forms: Forms, ledger: Ledger, first: number): () => BenchRequest {
  const limit = b.course.attemptLimit;
  let job = 0;
  let again: string | null = null;
  return () => {
    let tag: string;
    if (again) {
      tag = again; // the same form a second time, straight away: a double click
      again = null;
    } else {
      const learner = job % learners.length;
      const attempt = Math.floor(job / learners.length) + first;
      if (attempt > limit) ledger.overLimit += 1;
      job += 1;
      tag = `${learner}:${attempt}`;
      if (job % b.options.doubleEvery === 0) {
        again = tag;
        ledger.doubles.add(tag);
      }
    }
    ledger.sent.set(tag, (ledger.sent.get(tag) ?? 0) + 1);
    const [learner, attempt] = tag.split(":").map(Number) as [number, number];
    return {
      method: "POST",
      path: b.lessonPath,
      headers: {
        cookie: learners[learner]!.cookie,
        origin: b.server.origin,
        "content-type": "application/x-www-form-urlencoded",
        accept: "text/html",
        ...(b.options.gzip ? { "accept-encoding": "gzip" } : {}),
      },
      // Beyond the limit no attempt was started: the server refuses the form (and the run says so).
      body: forms.get(tag)?.body ?? `intent=submit-quiz&attempt=${attempt}`,
      tag,
    };
  };
}

type AuditRows = {
  attempts: { personId: string; attemptNumber: number; score: number; results: string | null }[];
  withProgress: Set<string>;
  integrity: string;
};

/** The submitted attempts and progress rows of the benchmarked lesson, and the database's own integrity check. */
async function auditRows(b: Bench, first: number): Promise<AuditRows> {
  if (dialect() === "postgresql") return auditRowsPostgres(b, first);
  const db = new Database(b.databaseFile, { readonly: true });
  try {
    // Only submitted attempts are scored: the ones started ahead and never sent stay open. Attempts before
    // `first` are the learners' history, taken before the test.
    const attempts = db
      .prepare(
        "SELECT personId, attemptNumber, score, results FROM QuizAttempt WHERE courseSlug = ? AND lessonSlug = ? AND attemptNumber >= ? AND submittedAt IS NOT NULL",
      )
      .all(b.course.slug, b.lesson.slug, first) as AuditRows["attempts"];
    const withProgress = new Set(
      db.prepare("SELECT personId FROM LessonProgress WHERE courseSlug = ? AND lessonSlug = ?").pluck().all(b.course.slug, b.lesson.slug) as string[],
    );
    return { attempts, withProgress, integrity: String(db.pragma("integrity_check", { simple: true })) };
  } finally {
    db.close();
  }
}

/** The same on PostgreSQL, through the app's client; amcheck's `bt_index_check` of every index stands in for integrity_check. */
async function auditRowsPostgres(b: Bench, first: number): Promise<AuditRows> {
  const where = { courseSlug: b.course.slug, lessonSlug: b.lesson.slug };
  const attempts = await prisma.quizAttempt.findMany({
    where: { ...where, attemptNumber: { gte: first }, submittedAt: { not: null } },
    select: { personId: true, attemptNumber: true, score: true, results: true },
  });
  const progress = await prisma.lessonProgress.findMany({ where, select: { personId: true } });
  let integrity = "ok";
  try {
    await prisma.$executeRawUnsafe("CREATE EXTENSION IF NOT EXISTS amcheck");
    await prisma.$queryRawUnsafe(
      `SELECT bt_index_check(c.oid)::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
       WHERE am.amname = 'btree' AND c.relnamespace = current_schema()::regnamespace`,
    );
  } catch (error) {
    integrity = `amcheck: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
  }
  return { attempts, withProgress: new Set(progress.map((p) => p.personId)), integrity };
}

/** What the database holds afterwards, compared with what was sent, answered and must have been scored. */
async function audit(b: Bench, learners: Learner[], forms: Forms, ledger: Ledger, first: number) {
  const indexOf = new Map(learners.map((l, i) => [l.id, i]));
  const { attempts, withProgress, integrity } = await auditRows(b, first);
  const rows = new Map<string, number>();
  const misScored = new Set<string>();
  let strangers = 0;
  for (const a of attempts) {
    const i = indexOf.get(a.personId);
    if (i === undefined) continue; // not a quiz-test learner
    const tag = `${i}:${a.attemptNumber}`;
    if (!ledger.sent.has(tag)) strangers += 1; // an attempt no form submitted
    rows.set(tag, (rows.get(tag) ?? 0) + 1);
    if (a.results === null || a.score !== forms.get(tag)?.score) misScored.add(tag);
  }
  // A form answered 200 is scored once: one submitted row, with the score its answers earn.
  const scoredOnce = (tag: string) => rows.get(tag) === 1 && !misScored.has(tag);
  let answeredOk = 0;
  let missing = 0;
  for (const [tag, statuses] of ledger.answered) {
    if (!statuses.includes(200)) continue;
    answeredOk += 1;
    if (!scoredOnce(tag)) missing += 1;
  }
  let doublesChecked = 0;
  let doublesOnce = 0;
  for (const tag of ledger.doubles) {
    const statuses = ledger.answered.get(tag) ?? [];
    if (statuses.length < 2) continue; // the run ended between the two
    doublesChecked += 1;
    if (statuses.every((s) => s === 200) && scoredOnce(tag)) doublesOnce += 1;
  }
  const attemptedPeople = new Set(attempts.filter((a) => indexOf.has(a.personId)).map((a) => a.personId));
  const withoutProgress = [...attemptedPeople].filter((id) => !withProgress.has(id)).length;
  const recorded = [...rows.values()].reduce((n, c) => n + c, 0);
  return { integrity, answeredOk, recorded, missing, misScored: misScored.size, strangers, doublesChecked, doublesOnce, withoutProgress };
}

export type SubmissionRun = {
  label: string;
  learners: Learner[];
  firstAttempt: number;
  seconds: number;
  /** Called between the warm-up and the measured rounds, and right after the last round (before the audit). */
  afterWarmup?: () => Promise<void>;
  afterLoad?: () => Promise<void>;
};
export type SubmissionOutcome = { result: LoadResult; check: Awaited<ReturnType<typeof audit>>; lockErrors: number; failed: number };

/**
 * Learners a submission test needs so that every form is a learner's next attempt, with room to spare: at 1.5 × the
 * pace of `lessonRps` for the whole test, each learner with the attempts left from `firstAttempt`.
 */
export function learnersNeeded(b: Bench, lessonRps: number, seconds: number, firstAttempt: number, atLeast: number) {
  const total = b.options.warmupSeconds + b.options.rounds * seconds;
  return Math.max(atLeast, Math.ceil((lessonRps * 1.5 * total) / (b.course.attemptLimit - firstAttempt + 1)));
}

const lockErrorsIn = (file: string) => readFileSync(file, "utf8").match(LOCK_ERRORS)?.length ?? 0;

/** Start the attempts, submit them under load (every Nth twice at once), then audit the database and the server log. */
export async function runSubmissions(b: Bench, run: SubmissionRun): Promise<SubmissionOutcome> {
  if (!b.lesson.quiz) throw new Error(`${b.lessonPath} has no quiz`);
  const { learners, firstAttempt } = run;
  const forms = await startAttempts(b, learners, firstAttempt);
  status.log(`${run.label}: ${learners.length.toLocaleString("en")} learners, every ${b.options.doubleEvery}th form submitted twice at once.`);
  const ledger: Ledger = { sent: new Map(), answered: new Map(), doubles: new Set(), overLimit: 0 };
  const lockErrorsBefore = lockErrorsIn(b.server.logFile);
  const result = await measure({
    label: run.label,
    origin: b.server.origin,
    connections: b.options.connections,
    seconds: run.seconds,
    warmupSeconds: b.options.warmupSeconds,
    rounds: b.options.rounds,
    next: submissions(b, learners, forms, ledger, firstAttempt),
    onResponse: (tag, code) => {
      if (tag) ledger.answered.set(tag, [...(ledger.answered.get(tag) ?? []), code]);
    },
    afterWarmup: run.afterWarmup,
  });
  await run.afterLoad?.();
  reportFailures(b, result);
  await new Promise((resolve) => setTimeout(resolve, 1000)); // requests cut off at the end finish on the server
  const check = await audit(b, learners, forms, ledger, firstAttempt);
  status.log(
    `Quiz audit: ${check.recorded.toLocaleString("en")} attempts submitted for ${check.answeredOk.toLocaleString("en")} forms answered; ` +
      `${check.doublesOnce}/${check.doublesChecked} double submits scored once; ${check.misScored} scored otherwise than their answers earn.`,
  );
  if (ledger.overLimit > 0)
    b.notes.push(`${run.label} ran out of fresh attempts (${ledger.overLimit} forms beyond the attempt limit): raise the learner count.`);
  return { result, check, lockErrors: lockErrorsIn(b.server.logFile) - lockErrorsBefore, failed: result.totals.errors + result.totals.non2xx };
}

/** The test's correctness figures, each with its goal: nothing failed, nothing lost, nothing scored twice. */
export function correctnessRows(part: Part, { result, check, lockErrors, failed }: SubmissionOutcome): Row[] {
  return [
    {
      part,
      figure: `Failed submissions (errors, timeouts, non-2xx) of ${result.totals.requests.toLocaleString("en")}`,
      value: String(failed),
      baseline: "—",
      ratio: "—",
      goal: "0",
      met: failed === 0,
    },
    {
      part,
      figure: '"database is locked" / timeout errors in the server log',
      value: String(lockErrors),
      baseline: "—",
      ratio: "—",
      goal: "0",
      met: lockErrors === 0,
    },
    {
      part,
      figure: "Double submits scored exactly once (database)",
      value: `${check.doublesOnce} of ${check.doublesChecked}`,
      baseline: "—",
      ratio: "—",
      goal: "all",
      met: check.doublesChecked > 0 && check.doublesOnce === check.doublesChecked,
    },
    {
      part,
      figure: "Forms answered 200 scored exactly once, with the score their answers earn; submitted rows no form asked for",
      value: `${(check.answeredOk - check.missing).toLocaleString("en")} of ${check.answeredOk.toLocaleString("en")}; ${check.strangers}`,
      baseline: "—",
      ratio: "—",
      goal: "all; 0",
      met: check.missing === 0 && check.strangers === 0,
    },
    {
      part,
      figure: "Attempts without their lesson progress row; integrity_check",
      value: `${check.withoutProgress}; ${check.integrity}`,
      baseline: "—",
      ratio: "—",
      goal: "0; ok",
      met: check.withoutProgress === 0 && check.integrity === "ok",
    },
  ];
}

export async function quizPart(b: Bench) {
  const lessonRps = b.lessonRps ?? (await measureLessonPage(b)).median.rps;
  const learners = await b.newLearners(learnersNeeded(b, lessonRps, b.options.quizSeconds, 1, 1000));
  const outcome = await runSubmissions(b, { label: "Quiz submissions", learners, firstAttempt: 1, seconds: b.options.quizSeconds });
  const { result } = outcome;
  const share = result.median.rps / lessonRps;
  b.rows.push(
    {
      part: "quiz",
      figure: `Quiz submissions, ${b.options.connections} connections: throughput`,
      value: fmt.rps(result.median.rps),
      baseline: `${fmt.rps(lessonRps)} (lesson page)`,
      ratio: fmt.pct(share),
      goal: "≥ 20 % of lesson page",
      met: share >= 0.2,
    },
    {
      part: "quiz",
      figure: "Quiz submissions: p50 / p99 latency",
      value: `${fmt.ms(result.median.p50)} / ${fmt.ms(result.median.p99)}`,
      baseline: "—",
      ratio: "—",
      goal: "—",
      met: null,
    },
    ...correctnessRows("quiz", outcome),
  );
  if (share < 0.2) b.notes.push(`Quiz throughput is ${fmt.pct(share)} of the lesson page's (goal ≥ 20 %).`);
}
