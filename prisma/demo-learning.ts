// Demo curricula and progress, so the readiness report has something true to say on first start.
// Idempotent: curricula are keyed by name; progress is added only to people who have none.
import { getCourse } from "../app/.server/content/catalog";
import { addAssignmentRule, assignPeople } from "../app/.server/curricula/assignments";
import { createCurriculum } from "../app/.server/curricula/curricula";
import { prisma } from "../app/.server/db";
import { submitQuizAttempt } from "../app/.server/progress/attempts";
import type { Answers } from "../app/.server/progress/grading";
import { completeLesson } from "../app/.server/progress/progress";

const ESSENTIALS = "Service essentials";
const LEADERS = "Leading a service team";

/** Work through a course's first `lessons` lessons as a learner would: read, confirm, or pass (or fail) the quiz. */
async function work(personId: string, slug: string, lessons: number, quiz: "pass" | "fail" = "pass") {
  const course = getCourse(slug);
  if (!course) return;
  for (const lesson of course.lessons.slice(0, lessons)) {
    if (!lesson.quiz) {
      await completeLesson({ personId, courseSlug: slug, lessonSlug: lesson.slug, courseVersion: course.version });
      continue;
    }
    const answers: Answers = Object.fromEntries(
      lesson.quiz.questions.map((q) => {
        if (q.type === "truefalse") return [q.id, quiz === "pass" ? q.answer : !q.answer];
        return [q.id, q.choices.flatMap((c, i) => ((quiz === "pass") === Boolean(c.correct) ? [i] : [])).slice(0, q.type === "multiple" ? undefined : 1)];
      }),
    );
    await submitQuizAttempt({ personId, course, lesson, attemptNumber: 1, answers });
    if (quiz === "fail") return;
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
          { slug: "what-is-a-service-culture", required: true, dueRule: { kind: "days", days: 7 } },
          { slug: "internal-customer-service", required: true, dueRule: { kind: "days", days: 14 } },
          { slug: "listening-both-ways", required: true, dueRule: { kind: "days", days: 21 } },
          { slug: "celebrating-service", required: false, dueRule: null },
        ],
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
        description: "For managers: modelling, coaching and removing blockers.",
        inOrder: false,
        dueRule: { kind: "days", days: 30 },
        courses: [{ slug: "leading-a-service-culture", required: true, dueRule: null }],
      },
      ctx,
    );
    await addAssignmentRule(leaders.id, { kind: "ROLE", value: "MANAGER" }, ctx);
  }

  // A believable spread: someone ready, someone overdue, someone at risk with a failed quiz, some not started.
  const plan: [email: string, steps: [slug: string, lessons: number, quiz?: "pass" | "fail"][], finishedAfterDays?: number][] = [
    ["ella.novak@baton.test", [["what-is-a-service-culture", 5], ["internal-customer-service", 5], ["listening-both-ways", 5]], 6],
    ["ravi.patel@baton.test", [["what-is-a-service-culture", 2, "fail"]]],
    ["newhire@baton.test", [["what-is-a-service-culture", 1]]],
    ["manager2@baton.test", [["leading-a-service-culture", 1]]],
  ];
  for (const [email, steps, finishedAfterDays] of plan) {
    const person = await prisma.person.findUnique({
      where: { email },
      select: { id: true, startDate: true, _count: { select: { lessonProgress: true } } },
    });
    if (!person || person._count.lessonProgress > 0) continue;
    for (const [slug, lessons, quiz] of steps) await work(person.id, slug, lessons, quiz);
    // Date the demo work as if it had been done a few days after the person started.
    if (finishedAfterDays !== undefined && person.startDate) {
      const at = new Date(person.startDate.getTime() + finishedAfterDays * 24 * 60 * 60 * 1000);
      await prisma.lessonProgress.updateMany({ where: { personId: person.id }, data: { completedAt: at, updatedAt: at } });
      await prisma.quizAttempt.updateMany({ where: { personId: person.id }, data: { submittedAt: at } });
    }
  }
}
