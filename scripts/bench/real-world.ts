// The organisation of the real learner path (parts real and profile), made through Baton's own domain functions:
// HR, a manager, their team of new hires with an in-order curriculum part-way done and quiz attempts behind them.
// Imported by index.ts only once DATABASE_URL points at the benchmark's database (like data.ts).
import { offeredTo } from "~/.server/content/offered";
import { chunks } from "../../app/.server/chunks";
import { assignPeople } from "../../app/.server/curricula/assignments";
import { createCurriculum } from "../../app/.server/curricula/curricula";
import { getCatalog } from "../../app/.server/content/catalog";
import { prisma } from "../../app/.server/db";
import { finishLesson } from "../../app/.server/progress/progress";
import { answerForm } from "../../app/.server/quiz/answering";
import { seededRandom } from "../../app/.server/quiz/draw";
import { freshenReadiness, markReadinessStale, withReadinessDeferred } from "../../app/.server/readiness/upkeep";
import { takeAttempt } from "../../prisma/demo-quiz";
import { fmt, type Bench } from "./context";
import type { Learner } from "./data";
import { status } from "./status";

/** New hires on one manager's team: a team page of a believable size. */
const TEAM = 20;

export type RealWorld = {
  hr: Learner;
  manager: Learner;
  team: Learner[];
  teamName: string;
  curriculumId: string;
  courses: number;
  /** Per new hire: lessons of the first course done, and of those, quizzes passed. */
  lessonsDone: number;
  quizzesPassed: number;
  /** Everyone brought to this point (the team, and later the quiz test's new hires). */
  learners: number;
  setupMs: number;
};

/** The organisation, built on first use. */
export function realWorld(b: Bench): Promise<RealWorld> {
  b.realWorld ??= buildRealWorld(b);
  return b.realWorld;
}

const actorOf = (hr: Learner) => ({ actor: { id: hr.id, email: hr.email }, ip: null });

/**
 * HR creates an in-order curriculum (the benchmark's course first, then the other learner courses) and assigns it
 * to a manager's team of new hires, each brought to the same point (see `bringUpToDate`), so each page is the same
 * bytes whichever team member asks.
 */
async function buildRealWorld(b: Bench): Promise<RealWorld> {
  const started = performance.now();
  const [hr, manager, ...team] = await b.newLearners(2 + TEAM);
  await prisma.person.update({ where: { id: hr!.id }, data: { role: "HR", jobTitle: "People Partner" } });
  await prisma.person.update({ where: { id: manager!.id }, data: { role: "MANAGER", jobTitle: "Team Lead" } });
  await prisma.person.updateMany({ where: { id: { in: team.map((t) => t.id) } }, data: { managerId: manager!.id } });

  const others = getCatalog().courses.filter((c) => c.slug !== b.course.slug && offeredTo(c, "LEARNER"));
  const curriculum = await createCurriculum(
    {
      name: "New hire onboarding",
      description: "Everything a new hire takes in their first weeks.",
      inOrder: true,
      dueRule: { kind: "days", days: 30 },
      courses: [b.course, ...others].map((c) => ({ slug: c.slug, required: true, dueRule: null })),
    },
    actorOf(hr!),
  );
  const world: RealWorld = {
    hr: hr!,
    manager: manager!,
    team,
    teamName: (await prisma.person.findUniqueOrThrow({ where: { id: team[0]!.id }, select: { name: true } })).name,
    curriculumId: curriculum.id,
    courses: others.length + 1,
    lessonsDone: b.course.lessons.length - 1,
    quizzesPassed: b.course.lessons.filter((l) => l.quiz && l !== b.lesson).length,
    learners: 0,
    setupMs: 0,
  };
  await bringUpToDate(b, world, team);
  world.setupMs = performance.now() - started;
  status.log(
    `Real learners: ${team.length} new hires with a ${world.courses}-course curriculum in order, ${world.lessonsDone} lessons of the first done ` +
      `(${world.quizzesPassed} quizzes passed), one failed attempt at the benchmarked quiz; one manager, one HR person (${(world.setupMs / 1000).toFixed(1)} s).`,
  );
  return world;
}

/**
 * Bring new hires to where the benchmark finds them, as the app would have: the curriculum assigned; every other
 * lesson of the first course done — quizzes taken and passed at the first attempt (started, answered, submitted
 * through the quiz's own functions), the rest completed; and one failed attempt at the benchmarked lesson's quiz,
 * so they are back for a second. Draws are seeded alike, so everyone has seen the same questions. Readiness is
 * computed once at the end, as the demo seed does it, instead of after every write.
 */
async function bringUpToDate(b: Bench, world: RealWorld, learners: Learner[]) {
  await withReadinessDeferred(async () => {
    await assignCurriculum(world, learners);
    for (const [i, learner] of learners.entries()) {
      for (const lesson of b.course.lessons) {
        const ref = { personId: learner.id, course: b.course, lesson };
        if (lesson.quiz) {
          const pass = lesson !== b.lesson;
          const outcome = await takeAttempt(ref, 1, (set) => answerForm(set, 1, pass ? "right" : "wrong"), seededRandom(1));
          if (outcome.kind !== "graded" || outcome.passed !== pass) throw new Error(`Taking the quiz of ${lesson.slug} for the benchmark: ${outcome.kind}`);
        } else {
          await finishLesson({ personId: learner.id, courseSlug: b.course.slug, lessonSlug: lesson.slug, courseVersion: b.course.version });
        }
      }
      if (i % 10 === 9 || i === learners.length - 1) status.update(`Learning history for ${learners.length} new hires … ${i + 1}/${learners.length}`);
    }
  });
  await freshenReadinessOf(learners);
  world.learners += learners.length;
}

/** HR assigns the curriculum to these new hires, as on the curriculum's page. */
async function assignCurriculum(world: RealWorld, learners: Learner[]) {
  const assigned = await assignPeople(
    world.curriculumId,
    learners.map((l) => l.email),
    actorOf(world.hr),
  );
  if (!assigned.ok) throw new Error(`Assigning the benchmark curriculum failed: ${assigned.message}`);
}

async function freshenReadinessOf(learners: Learner[]) {
  status.update(`Readiness for ${learners.length.toLocaleString("en")} new hires …`);
  await freshenReadiness();
}

/**
 * The same point for many new hires at once (the quiz test's thousands): the curriculum assigned through
 * `assignPeople`, then the lesson progress and quiz attempts the app wrote for the team's first member copied to
 * each of them in bulk — the same rows `bringUpToDate` would write one by one, in seconds instead of minutes.
 */
export async function copyHistory(b: Bench, world: RealWorld, learners: Learner[]) {
  const started = performance.now();
  const template = world.team[0]!;
  const where = { personId: template.id, courseSlug: b.course.slug };
  const [progress, attempts] = await Promise.all([
    prisma.lessonProgress.findMany({ where, omit: { id: true, personId: true } }),
    prisma.quizAttempt.findMany({ where, omit: { id: true, personId: true } }),
  ]);
  await withReadinessDeferred(async () => {
    await assignCurriculum(world, learners);
    let done = 0;
    for (const batch of chunks(learners, 200)) {
      await prisma.lessonProgress.createMany({ data: batch.flatMap((l) => progress.map((row) => ({ ...row, personId: l.id }))) });
      await prisma.quizAttempt.createMany({ data: batch.flatMap((l) => attempts.map((row) => ({ ...row, personId: l.id }))) });
      done += batch.length;
      status.update(`Learning history for ${learners.length.toLocaleString("en")} new hires … ${done.toLocaleString("en")}`);
    }
    // Written directly, so marked for recomputing as the writes above would have.
    await prisma.$transaction((tx) =>
      markReadinessStale(
        tx,
        learners.map((l) => l.id),
        "Benchmark history copied",
      ),
    );
  });
  await freshenReadinessOf(learners);
  world.learners += learners.length;
  status.log(
    `Learning history copied from a team member to ${learners.length.toLocaleString("en")} new hires ` +
      `(${progress.length} progress rows, ${attempts.length} quiz attempts each; ${fmt.s(performance.now() - started)} with readiness).`,
  );
}
