// (c) Quiz submissions at 2 × cores + 1 connections: many distinct learners plus deliberate double submits,
// then the database is checked: one scored attempt per submitted form, nothing lost, nothing doubled.
import Database from "better-sqlite3";
import { readFileSync } from "node:fs";
import type { Question } from "../../app/.server/content/schema";
import { fmt, type Bench } from "./context";
import type { Learner } from "./data";
import { measureLessonPage, reportFailures } from "./lesson";
import { measure, type BenchRequest } from "./load";
import { status } from "./status";

const LOCK_ERRORS = /database is locked|SQLITE_BUSY|P1008|P2028|SocketTimeout|Operation has timed out|Transaction API error/gi;

/** A few answer sheets, from all right to all wrong, as form fields (`q.<id>`; several for multiple choice). */
function answerSheets(questions: Question[]): string[] {
  const sheets: string[] = [];
  for (let variant = 0; variant < 4; variant++) {
    const form = new URLSearchParams();
    questions.forEach((q, n) => {
      const right = variant === 0 || (variant === 1 && n % 3 !== 0) || (variant === 2 && n % 2 === 0);
      if (q.type === "truefalse") form.append(`q.${q.id}`, String(right ? q.answer : !q.answer));
      else {
        const picks = q.choices.flatMap((c, i) => (Boolean(c.correct) === right ? [i] : []));
        for (const i of q.type === "multiple" ? picks : picks.slice(0, 1)) form.append(`q.${q.id}`, String(i));
      }
    });
    sheets.push(form.toString());
  }
  return sheets;
}

type Ledger = { sent: Map<string, number>; answered: Map<string, number[]>; doubles: Set<string>; overLimit: number };

function submissions(b: Bench, learners: Learner[], ledger: Ledger): () => BenchRequest {
  const sheets = answerSheets(b.lesson.quiz!.questions);
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
      const attempt = Math.floor(job / learners.length) + 1;
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
      body: `intent=submit-quiz&attempt=${attempt}&${sheets[learner % sheets.length]}`,
      tag,
    };
  };
}

/** What the database holds afterwards, compared with what was sent and answered. */
function audit(b: Bench, learners: Learner[], ledger: Ledger) {
  const indexOf = new Map(learners.map((l, i) => [l.id, i]));
  const db = new Database(b.databaseFile, { readonly: true });
  try {
    const attempts = db
      .prepare("SELECT personId, attemptNumber FROM QuizAttempt WHERE courseSlug = ? AND lessonSlug = ?")
      .all(b.course.slug, b.lesson.slug) as { personId: string; attemptNumber: number }[];
    const withProgress = new Set(
      db.prepare("SELECT personId FROM LessonProgress WHERE courseSlug = ? AND lessonSlug = ?").pluck().all(b.course.slug, b.lesson.slug) as string[],
    );
    const integrity = String(db.pragma("integrity_check", { simple: true }));
    const rows = new Map<string, number>();
    let strangers = 0;
    for (const a of attempts) {
      const i = indexOf.get(a.personId);
      if (i === undefined) continue; // not a quiz-test learner
      const tag = `${i}:${a.attemptNumber}`;
      if (!ledger.sent.has(tag)) strangers += 1; // an attempt no form asked for
      rows.set(tag, (rows.get(tag) ?? 0) + 1);
    }
    let answeredOk = 0;
    let missing = 0;
    for (const [tag, statuses] of ledger.answered) {
      if (!statuses.includes(200)) continue;
      answeredOk += 1;
      if (rows.get(tag) !== 1) missing += 1;
    }
    let doublesChecked = 0;
    let doublesOnce = 0;
    for (const tag of ledger.doubles) {
      const statuses = ledger.answered.get(tag) ?? [];
      if (statuses.length < 2) continue; // the run ended between the two
      doublesChecked += 1;
      if (statuses.every((s) => s === 200) && rows.get(tag) === 1) doublesOnce += 1;
    }
    const attemptedPeople = new Set(attempts.filter((a) => indexOf.has(a.personId)).map((a) => a.personId));
    const withoutProgress = [...attemptedPeople].filter((id) => !withProgress.has(id)).length;
    const recorded = [...rows.values()].reduce((n, c) => n + c, 0);
    return { integrity, answeredOk, recorded, missing, strangers, doublesChecked, doublesOnce, withoutProgress };
  } finally {
    db.close();
  }
}

export async function quizPart(b: Bench) {
  if (!b.lesson.quiz) throw new Error(`${b.lessonPath} has no quiz`);
  const lessonRps = b.lessonRps ?? (await measureLessonPage(b)).median.rps;
  // Enough learners that every form is a learner's next attempt, with room to spare.
  const seconds = b.options.warmupSeconds + b.options.rounds * b.options.quizSeconds;
  const count = Math.max(1000, Math.ceil((lessonRps * 1.5 * seconds) / b.course.attemptLimit));
  const learners = await b.newLearners(count);
  status.log(`Quiz test: ${learners.length.toLocaleString("en")} learners, every ${b.options.doubleEvery}th form submitted twice at once.`);
  const ledger: Ledger = { sent: new Map(), answered: new Map(), doubles: new Set(), overLimit: 0 };
  const result = await measure({
    label: "Quiz submissions",
    origin: b.server.origin,
    connections: b.options.connections,
    seconds: b.options.quizSeconds,
    warmupSeconds: b.options.warmupSeconds,
    rounds: b.options.rounds,
    next: submissions(b, learners, ledger),
    onResponse: (tag, code) => {
      if (tag) ledger.answered.set(tag, [...(ledger.answered.get(tag) ?? []), code]);
    },
  });
  reportFailures(b, result);
  await new Promise((resolve) => setTimeout(resolve, 1000)); // requests cut off at the end finish on the server
  const check = audit(b, learners, ledger);
  const lockErrors = readFileSync(b.server.logFile, "utf8").match(LOCK_ERRORS)?.length ?? 0;
  const failed = result.totals.errors + result.totals.non2xx;
  const share = result.median.rps / lessonRps;

  b.rows.push(
    { part: "quiz", figure: `Quiz submissions, ${b.options.connections} connections: throughput`, value: fmt.rps(result.median.rps), baseline: `${fmt.rps(lessonRps)} (lesson page)`, ratio: fmt.pct(share), goal: "≥ 20 % of lesson page", met: share >= 0.2 },
    { part: "quiz", figure: "Quiz submissions: p50 / p99 latency", value: `${fmt.ms(result.median.p50)} / ${fmt.ms(result.median.p99)}`, baseline: "—", ratio: "—", goal: "—", met: null },
    { part: "quiz", figure: `Failed submissions (errors, timeouts, non-2xx) of ${result.totals.requests.toLocaleString("en")}`, value: String(failed), baseline: "—", ratio: "—", goal: "0", met: failed === 0 },
    { part: "quiz", figure: "\"database is locked\" / timeout errors in the server log", value: String(lockErrors), baseline: "—", ratio: "—", goal: "0", met: lockErrors === 0 },
    { part: "quiz", figure: "Double submits scored exactly once (database)", value: `${check.doublesOnce} of ${check.doublesChecked}`, baseline: "—", ratio: "—", goal: "all", met: check.doublesChecked > 0 && check.doublesOnce === check.doublesChecked },
    {
      part: "quiz",
      figure: "Forms answered 200 with exactly one attempt row; rows no form asked for",
      value: `${(check.answeredOk - check.missing).toLocaleString("en")} of ${check.answeredOk.toLocaleString("en")}; ${check.strangers}`,
      baseline: "—",
      ratio: "—",
      goal: "all; 0",
      met: check.missing === 0 && check.strangers === 0,
    },
    { part: "quiz", figure: "Attempts without their lesson progress row; integrity_check", value: `${check.withoutProgress}; ${check.integrity}`, baseline: "—", ratio: "—", goal: "0; ok", met: check.withoutProgress === 0 && check.integrity === "ok" },
  );
  status.log(`Quiz audit: ${check.recorded.toLocaleString("en")} attempts recorded for ${check.answeredOk.toLocaleString("en")} forms answered; ${check.doublesOnce}/${check.doublesChecked} double submits scored once.`);
  if (ledger.overLimit > 0) b.notes.push(`The quiz test ran out of fresh attempts (${ledger.overLimit} forms beyond the attempt limit): raise the learner count.`);
  if (share < 0.2) b.notes.push(`Quiz throughput is ${fmt.pct(share)} of the lesson page's (goal ≥ 20 %).`);
}
