// Demo curricula and progress, so the readiness report has something true to say on first start.
// Idempotent: curricula are keyed by name; progress is added only to people who have none.
import { getCourse } from "../app/.server/content/catalog";
import { addAssignmentRule, assignPeople } from "../app/.server/curricula/assignments";
import { createCurriculum } from "../app/.server/curricula/curricula";
import { prisma } from "../app/.server/db";
import { makeOverride } from "../app/.server/overrides/create";
import { finishLesson } from "../app/.server/progress/progress";
import { answerForm } from "../app/.server/quiz/answering";
import { seedPastCohorts } from "./demo-cohort";
import { practise, seedDemoPractice } from "./demo-practice";
import { takeAttempt } from "./demo-quiz";

const ESSENTIALS = "Service essentials";
const LEADERS = "Leading a service team";
const PEOPLE_LEADERS = "People leaders' toolkit";
/** Every lesson of a course. */
const ALL = Number.POSITIVE_INFINITY;

/**
 * Work through a course's first `lessons` lessons as a learner would: read, confirm, have the practice task
 * signed off by their manager, or take the quiz — pass it at the first attempt, or fail it `fails` times (then
 * stop there).
 */
async function work(person: { id: string; email: string }, slug: string, lessons: number, fails = 0) {
  const personId = person.id;
  const course = getCourse(slug);
  if (!course) return;
  for (const lesson of course.lessons.slice(0, lessons)) {
    if (lesson.practice) {
      await practise({
        email: person.email,
        course: slug,
        lesson: lesson.slug,
        outcome: "signed-off",
        daysAgo: 3,
        note: "Did this during my shift and asked my manager to look.",
        comment: "Seen on the floor: every point covered.",
      });
      continue;
    }
    if (!lesson.quiz) {
      await finishLesson({ personId, courseSlug: slug, lessonSlug: lesson.slug, courseVersion: course.version });
      continue;
    }
    for (let n = 1; n <= Math.max(1, fails); n++) {
      await takeAttempt({ personId, course, lesson }, n, (set) => answerForm(set, n, fails > 0 ? "wrong" : "right"));
    }
    if (fails > 0) return;
  }
}

export async function seedDemoLearning() {
  const hr = await prisma.person.findUniqueOrThrow({ where: { email: "hr@baton.test" }, select: { id: true, email: true } });
  const ctx = { actor: hr, ip: null };
  const existing = new Set((await prisma.curriculum.findMany({ select: { name: true } })).map((c) => c.name));

  if (!existing.has(ESSENTIALS)) {
    const essentials = await createCurriculum(
      {
        name: ESSENTIALS,
        description: "What every new hire needs before serving customers on their own.",
        inOrder: false,
        dueRule: null,
        courses: [
          { slug: "what-is-a-service-culture", required: true, dueRule: { kind: "days" as const, days: 7 } },
          { slug: "internal-customer-service", required: true, dueRule: { kind: "days" as const, days: 14 } },
          { slug: "listening-both-ways", required: true, dueRule: { kind: "days" as const, days: 21 } },
          { slug: "service-recovery", required: true, dueRule: { kind: "days" as const, days: 28 } },
          { slug: "our-promise", required: false, dueRule: { kind: "days" as const, days: 10 } },
          { slug: "celebrating-service", required: false, dueRule: null },
        ].filter((c) => getCourse(c.slug)),
      },
      ctx,
    );
    await addAssignmentRule(essentials.id, { kind: "DEPARTMENT", value: "Warehouse" }, ctx);
    await assignPeople(essentials.id, ["newhire@baton.test"], ctx);
    // The demo pretends HR set this path up a month ago, before these people started, as onboarding is usually
    // prepared: due dates then count from each start date, and someone who started two weeks ago can be late.
    const monthAgo = new Date(Date.now() - 30 * 24 * 60 * 60 * 1000);
    await prisma.curriculumCourse.updateMany({ where: { curriculumId: essentials.id }, data: { addedAt: monthAgo, requiredSince: monthAgo } });
    await prisma.curriculumCourse.updateMany({ where: { curriculumId: essentials.id, required: false }, data: { requiredSince: null } });
    await prisma.assignment.updateMany({ where: { curriculumId: essentials.id }, data: { assignedAt: monthAgo } });
    await prisma.assignmentRule.updateMany({ where: { curriculumId: essentials.id }, data: { createdAt: monthAgo } });
    await prisma.curriculum.update({ where: { id: essentials.id }, data: { createdAt: monthAgo } });
  }
  if (!existing.has(LEADERS)) {
    const leaders = await createCurriculum(
      {
        name: LEADERS,
        description: "For managers: modelling, coaching, the daily line-up, and measuring service without distorting it.",
        inOrder: false,
        dueRule: { kind: "days", days: 30 },
        courses: [
          { slug: "leading-a-service-culture", required: true, dueRule: null },
          { slug: "daily-line-up", required: true, dueRule: null },
          { slug: "measuring-service", required: false, dueRule: null },
          { slug: "leading-change", required: false, dueRule: null },
        ].filter((c) => getCourse(c.slug)),
      },
      ctx,
    );
    await addAssignmentRule(leaders.id, { kind: "ROLE", value: "MANAGER" }, ctx);
  }
  if (!existing.has(PEOPLE_LEADERS) && getCourse("hr-and-people-leaders")) {
    const people = await createCurriculum(
      {
        name: PEOPLE_LEADERS,
        description: "For HR: hiring for service, orientation, recognition, performance conversations.",
        inOrder: false,
        dueRule: { kind: "days", days: 45 },
        courses: [
          { slug: "hr-and-people-leaders", required: true, dueRule: null },
          { slug: "measuring-service", required: false, dueRule: null },
        ].filter((c) => getCourse(c.slug)),
      },
      ctx,
    );
    await addAssignmentRule(people.id, { kind: "ROLE", value: "HR" }, ctx);
  }

  // A believable spread: someone ready, someone overdue, someone at risk with a failed quiz, some not started.
  // Ravi has used every attempt at a quiz: "Out of attempts — ask your manager" until Priya allows another.
  const plan: [email: string, steps: [slug: string, lessons: number, fails?: number][], finishedAfterDays?: number][] = [
    [
      "ella.novak@baton.test",
      [
        ["what-is-a-service-culture", ALL],
        ["internal-customer-service", ALL],
        ["listening-both-ways", ALL],
        ["service-recovery", ALL],
      ],
      6,
    ],
    ["ravi.patel@baton.test", [["what-is-a-service-culture", 2, 3]]],
    ["newhire@baton.test", [["what-is-a-service-culture", 1]]],
    ["manager2@baton.test", [["leading-a-service-culture", 1]]],
  ];
  for (const [email, steps, finishedAfterDays] of plan) {
    const person = await prisma.person.findUnique({
      where: { email },
      select: { id: true, email: true, startDate: true, _count: { select: { lessonProgress: true } } },
    });
    if (!person || person._count.lessonProgress > 0) continue;
    for (const [slug, lessons, fails] of steps) await work(person, slug, lessons, fails);
    // Date the demo work as if it had been done a few days after the person started.
    if (finishedAfterDays !== undefined && person.startDate) {
      const at = new Date(person.startDate.getTime() + finishedAfterDays * 24 * 60 * 60 * 1000);
      await prisma.lessonProgress.updateMany({ where: { personId: person.id }, data: { completedAt: at, updatedAt: at } });
      await prisma.quizAttempt.updateMany({ where: { personId: person.id }, data: { startedAt: at, submittedAt: at } });
    }
  }

  await seedDemoOverrides();
  await seedDemoPractice();
  const essentials = await prisma.curriculum.findFirst({ where: { name: ESSENTIALS }, select: { id: true } });
  if (essentials) await seedPastCohorts(essentials.id, ctx);
}

/** Two exceptions HR made, so the history, the reasons and the CSV show them. Once only. */
async function seedDemoOverrides() {
  if ((await prisma.override.count()) > 0) return;
  const hr = await prisma.person.findUniqueOrThrow({ where: { email: "hr@baton.test" }, select: { id: true, name: true, email: true, role: true } });
  const idOf = async (email: string) => (await prisma.person.findUnique({ where: { email }, select: { id: true } }))?.id;
  const inDays = (days: number) => new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  const exceptions: [email: string, fields: Record<string, string>][] = [
    [
      "kofi.mensah@baton.test",
      {
        intent: "extend-due",
        course: "internal-customer-service",
        dueDate: inDays(10),
        reason: "Covered the dispatch desk through the peak week; agreed a later date with Priya.",
      },
    ],
    [
      "sofia.rossi@baton.test",
      {
        intent: "waive",
        course: "listening-both-ways",
        reason: "Completed the same listening programme at her previous employer in 2026; certificate on file.",
      },
    ],
  ];
  for (const [email, fields] of exceptions) {
    const id = await idOf(email);
    if (!id) continue;
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    await makeOverride(hr, id, form, { ip: null });
  }
}
