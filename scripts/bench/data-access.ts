// npm run bench:data-access [-- --people 200 --runs 2000]
// The hot reads of a signed-in learner page, in-process, each against the way it was read before issue 16
// (docs/decisions/014), on a real SQLite file: new hires with an in-order curriculum and the first course
// part-way. Medians of interleaved runs. Writes "Data access on the hot path (bench:data-access)" in
// docs/benchmarks.md.
import { offeredTo } from "~/.server/content/offered";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migratedDb } from "./fresh-db";
import { machine, writeSection } from "./report";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > -1 ? Number(process.argv[i + 1]) : fallback;
};
const PEOPLE = arg("people", 200);
const RUNS = arg("runs", 2_000);
const SESSION_GOAL_MS = 0.1;

const scratch = mkdtempSync(join(tmpdir(), "baton-data-access-"));
process.env.DATABASE_URL = `file:${migratedDb(join(scratch, "bench.db"))}`;
process.env.NODE_ENV = "production";

const { prisma } = await import("../../app/.server/db");
const { hashPassword } = await import("../../app/.server/auth/password");
const { createSession, validateSessionToken } = await import("../../app/.server/auth/session");
const { readSession } = await import("../../app/.server/auth/session-read");
const { hashToken } = await import("../../app/.server/auth/token");
const { readThroughPrisma } = await import("../../app/.server/prepared");
const { getCatalog } = await import("../../app/.server/content/catalog");
const { createCurriculum } = await import("../../app/.server/curricula/curricula");
const { assignPeople } = await import("../../app/.server/curricula/assignments");
const { finishLesson } = await import("../../app/.server/progress/progress");
const { courseAccess, lessonPage, myLearning } = await import("../../app/.server/progress/lesson-view");
const { lessonFeedbackFor } = await import("../../app/.server/feedback/lesson-feedback");
const { lessonView, learningView } = await import("../../app/.server/views/learner");
const { withReadinessDeferred, freshenReadiness } = await import("../../app/.server/readiness/upkeep");

const catalog = getCatalog();
const courses = catalog.courses.filter((c) => offeredTo(c, "LEARNER"));
const course = courses.find((c) => c.lessons.some((l) => l.completion === "quiz"))!;
const lesson = course.lessons.find((l) => l.completion === "quiz")!;

async function world() {
  const passwordHash = await hashPassword("bench-password-1");
  const hr = await prisma.person.create({ data: { email: "hr@bench.test", name: "Bench HR", role: "HR", passwordHash } });
  const ctx = { actor: { id: hr.id, email: hr.email }, ip: null };
  await prisma.person.createMany({
    data: Array.from({ length: PEOPLE }, (_, i) => ({
      email: `learner${i}@bench.test`,
      name: `Learner ${i}`,
      role: "LEARNER" as const,
      department: "Front Desk",
      startDate: new Date("2026-11-02T00:00:00Z"),
      passwordHash,
    })),
  });
  const people = await prisma.person.findMany({ where: { role: "LEARNER" }, select: { id: true, email: true } });
  await withReadinessDeferred(async () => {
    const curriculum = await createCurriculum(
      {
        name: "New hire onboarding",
        description: "First weeks",
        inOrder: true,
        graceDays: 3,
        dueRule: { kind: "days", days: 30 },
        courses: [course, ...courses.filter((c) => c !== course)].map((c) => ({ slug: c.slug, required: true, dueRule: null })),
      },
      ctx,
    );
    await assignPeople(
      curriculum.id,
      people.map((p) => p.email),
      ctx,
    );
    for (const p of people)
      for (const l of course.lessons.filter((l) => l !== lesson))
        await finishLesson({ personId: p.id, courseSlug: course.slug, lessonSlug: l.slug, courseVersion: course.version });
  });
  await freshenReadiness();
  const tokens: string[] = [];
  for (const p of people) tokens.push((await createSession(p.id)).token);
  return { people, tokens };
}

/** Median milliseconds of `run` over RUNS calls, cycling through the inputs. */
async function median<T>(inputs: T[], run: (input: T) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const input = inputs[i % inputs.length]!;
    const start = performance.now();
    await run(input);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const { tokens } = await world();
const ids = tokens.map(hashToken);
const viewers = await Promise.all(tokens.map(async (t) => (await validateSessionToken(t))!.person));

const personSelect = { id: true, email: true, name: true, role: true, department: true, jobTitle: true, startDate: true, deactivatedAt: true, managerId: true };

// Warm every path once (statement preparation, the query compiler, the content).
for (const id of ids.slice(0, 20)) await prisma.session.findUnique({ where: { id }, include: { person: { select: personSelect } } });
for (const v of viewers.slice(0, 20)) await lessonView(v, course.slug, lesson.slug);

const rows: { figure: string; before: number; after: number; goal?: string; met?: boolean }[] = [];
const sessionBefore = await median(ids, (id) => prisma.session.findUnique({ where: { id }, include: { person: { select: personSelect } } }));
const sessionAfter = await median(ids, (id) => readSession(id));
rows.push({
  figure: "Session check: the session and its person by token hash",
  before: sessionBefore,
  after: sessionAfter,
  goal: `≤ ${SESSION_GOAL_MS} ms`,
  met: sessionAfter <= SESSION_GOAL_MS,
});
readThroughPrisma(true);
const sessionRaw = await median(ids, (id) => readSession(id));
readThroughPrisma(false);
rows.push({ figure: "Session check, the same SQL through Prisma's raw query (the PostgreSQL path)", before: sessionBefore, after: sessionRaw });
rows.push({
  figure: "Whole session check (`validateSessionToken`: hash, read, expiry rules)",
  before: sessionBefore,
  after: await median(tokens, (t) => validateSessionToken(t)),
});

const lessonBefore = await median(viewers, async (v) => {
  const access = await courseAccess(v, course.slug);
  await lessonPage(v, course.slug, lesson.slug, access);
  await lessonFeedbackFor(v.id, course.slug, lesson.slug);
});
rows.push({
  figure: "Lesson page data (access, lesson, quiz, practice, notes, feedback)",
  before: lessonBefore,
  after: await median(viewers, (v) => lessonView(v, course.slug, lesson.slug)),
});
const learningBefore = await median(viewers, (v) => myLearning(v));
for (const v of viewers) await learningView(v);
rows.push({ figure: "My learning data (curricula, progress, attempts)", before: learningBefore, after: await median(viewers, (v) => learningView(v)) });

const fmt = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);
const table = [
  "| read | before (Prisma query API) | after | faster | goal | |",
  "|---|---|---|---|---|---|",
  ...rows.map(
    (r) =>
      `| ${r.figure} | ${fmt(r.before)} | ${fmt(r.after)} | ${(r.before / r.after).toFixed(1)}× | ${r.goal ?? "—"} | ${r.met === undefined ? "" : r.met ? "met" : "**missed**"} |`,
  ),
].join("\n");
const m = machine();
const section = `## Data access on the hot path (bench:data-access)

\`npm run bench:data-access\` (scripts/bench/data-access.ts), ${m.date}, ${m.cpu}, Node ${m.node}. In-process, on an SQLite file:
${PEOPLE} new hires with an in-order curriculum of ${courses.length} courses, the first part-way (every lesson but its quiz done),
one session each. Median of ${RUNS.toLocaleString("en-GB")} calls cycling through the people. "Before" is the read as Baton did it
before issue 16 (Prisma's query API for the session; the domain functions for the pages, which are still what a cache miss runs);
"after" is the prepared statement, and the per-person view cache when the person's key has not changed (docs/decisions/014).

${table}
`;
console.log(table);
if (process.argv.includes("--write") || (PEOPLE === 200 && RUNS === 2_000)) writeSection(join("docs", "benchmarks.md"), section);
await prisma.$disconnect();
rmSync(scratch, { recursive: true, force: true });
