// Earlier cohorts of the demo organisation: people who went through onboarding months ago, so the item
// analysis has enough attempts to say something and the cohort chart has history. Their quiz answers come
// from a simple learner model (ability × item difficulty), seeded, so every demo database is the same.
import { createHash } from "node:crypto";
import { getCourse } from "../app/.server/content/catalog";
import { assignPeople } from "../app/.server/curricula/assignments";
import { prisma } from "../app/.server/db";
import { seededRandom, type Random } from "../app/.server/quiz/draw";
import type { AttemptItem } from "../app/.server/quiz/snapshot";
import { finishLesson } from "../app/.server/progress/progress";
import { practise } from "./demo-practice";
import { takeAttempt } from "./demo-quiz";

/** name, department, job title, start (days from today). */
export const PAST_HIRES: [string, string, string, number][] = [
  ["Amara Diallo", "Customer Support", "Support Advisor", -150],
  ["Ben Carter", "Customer Support", "Support Advisor", -146],
  ["Chen Wei", "Front Desk", "Receptionist", -141],
  ["Dana Kruger", "Warehouse", "Goods-in Clerk", -139],
  ["Elif Yilmaz", "Customer Support", "Billing Specialist", -132],
  ["Farid Nasser", "Warehouse", "Warehouse Operative", -128],
  ["Gita Sharma", "Front Desk", "Guest Services Agent", -120],
  ["Hugo Lambert", "Customer Support", "Support Advisor", -116],
  ["Ines Duarte", "Warehouse", "Dispatch Coordinator", -110],
  ["Jakub Nowak", "Front Desk", "Receptionist", -104],
  ["Kemi Adeyemi", "Customer Support", "Support Advisor", -99],
  ["Luca Bianchi", "Warehouse", "Warehouse Operative", -95],
  ["Mei Tanaka", "Front Desk", "Guest Services Agent", -90],
  ["Noah Fischer", "Customer Support", "Billing Specialist", -86],
  ["Olga Petrova", "Warehouse", "Goods-in Clerk", -80],
  ["Pablo Ortega", "Customer Support", "Support Advisor", -76],
  ["Rana Haddad", "Front Desk", "Receptionist", -71],
  ["Sven Larsen", "Warehouse", "Warehouse Operative", -66],
  ["Tara Walsh", "Customer Support", "Support Advisor", -62],
  ["Uche Eze", "Front Desk", "Guest Services Agent", -57],
  ["Vera Costa", "Warehouse", "Dispatch Coordinator", -52],
  ["Will Harper", "Customer Support", "Support Advisor", -48],
  ["Yara Saleh", "Front Desk", "Receptionist", -44],
  ["Zoe Fontaine", "Customer Support", "Billing Specialist", -41],
];

/** Past hires whose hand-off was not signed off: one never submitted, one waiting for ages, one sent back. */
const PRACTICE_EXCEPTIONS: Record<string, { outcome: "none" | "waiting" | "returned"; comment?: string }> = {
  "Will Harper": { outcome: "none" },
  "Zoe Fontaine": { outcome: "waiting" },
  "Pablo Ortega": { outcome: "returned", comment: "The note left out the deadline the customer was promised. Add it and try again." },
};

export const pastHireEmail = (name: string) => `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@baton.test`;

const seedOf = (text: string) => createHash("sha256").update(text).digest().readUInt32LE(0);

/** Fill in one stored attempt as a learner of this ability would (shown positions, as a browser sends them). */
function answer(items: AttemptItem[], attemptNumber: number, ability: number, random: Random): FormData {
  const form = new FormData();
  form.set("attempt", String(attemptNumber));
  for (const item of items) {
    // Items differ in difficulty; the same item is equally hard for everyone.
    const difficulty = (seedOf(item.id) % 40) / 100 - 0.15;
    const right = random() < Math.min(0.97, Math.max(0.05, ability - difficulty));
    const correct = item.options.flatMap((o, i) => (o.correct ? [i] : []));
    const wrong = item.options.flatMap((o, i) => (o.correct ? [] : [{ i, source: o.source }]));
    let picks: number[];
    if (right) picks = correct;
    else if (item.type === "multiple") picks = correct.length > 1 ? correct.slice(1) : [...correct, wrong[0]!.i];
    else {
      // Plausible distractors draw most wrong answers: the option written first in the file is the most tempting.
      const ranked = [...wrong].sort((a, b) => a.source - b.source);
      picks = [(random() < 0.75 ? ranked[0] : ranked[Math.floor(random() * ranked.length)])!.i];
    }
    for (const p of picks) form.append(`q.${item.id}`, String(p));
  }
  return form;
}

async function takeCourse(personId: string, email: string, slug: string, ability: number, random: Random) {
  const course = getCourse(slug);
  if (!course) return;
  for (const lesson of course.lessons) {
    // Observed at work and signed off; the hand-off in internal customer service is the demo's varied one (seedPastCohorts).
    if (lesson.practice) {
      if (slug !== "internal-customer-service")
        await practise({
          email,
          course: slug,
          lesson: lesson.slug,
          outcome: "signed-off",
          daysAgo: 0,
          note: "Did this during a normal shift.",
          comment: "Seen: all points covered.",
        });
      continue;
    }
    if (!lesson.quiz) {
      await finishLesson({ personId, courseSlug: slug, lessonSlug: lesson.slug, courseVersion: course.version });
      continue;
    }
    for (let n = 1; n <= course.attemptLimit; n++) {
      // Each retake comes after reading the feedback: a little better each time.
      const outcome = await takeAttempt({ personId, course, lesson }, n, (set) => answer(set.items, n, ability + 0.12 * (n - 1), random), random);
      if (outcome.kind === "graded" && outcome.passed) break;
    }
  }
}

/** Past cohorts: assigned the essentials, worked through them in their first weeks. Idempotent per person. */
export async function seedPastCohorts(essentialsId: string, ctx: Parameters<typeof assignPeople>[2]) {
  const DAY = 24 * 60 * 60 * 1000;
  for (const [name] of PAST_HIRES) {
    const email = pastHireEmail(name);
    const person = await prisma.person.findUnique({ where: { email }, select: { id: true, startDate: true, _count: { select: { quizAttempts: true } } } });
    if (!person?.startDate || person._count.quizAttempts > 0) continue;
    const random = seededRandom(seedOf(email));
    const ability = 0.45 + random() * 0.5;
    await assignPeople(essentialsId, [email], ctx);
    for (const slug of ["what-is-a-service-culture", "internal-customer-service", "listening-both-ways", "service-recovery"])
      await takeCourse(person.id, email, slug, ability, random);
    const practice = PRACTICE_EXCEPTIONS[name] ?? { outcome: "signed-off" as const, comment: "Seen on shift: a complete note, and the receiver confirmed." };
    if (practice.outcome !== "none") {
      await practise({
        email,
        course: "internal-customer-service",
        outcome: practice.outcome,
        daysAgo: 0,
        note: "Handed a customer case to a colleague with a written summary.",
        comment: practice.comment,
      });
    }
    // Date it as it happened: assigned on the first day, work spread over the first weeks.
    const start = person.startDate.getTime();
    const finished = new Date(start + (8 + Math.floor(random() * 20)) * DAY);
    await prisma.assignment.updateMany({ where: { personId: person.id }, data: { assignedAt: person.startDate } });
    await prisma.lessonProgress.updateMany({
      where: { personId: person.id },
      data: { startedAt: person.startDate, completedAt: finished, updatedAt: finished },
    });
    await prisma.quizAttempt.updateMany({ where: { personId: person.id }, data: { startedAt: finished, submittedAt: finished } });
    await prisma.practiceSubmission.updateMany({
      where: { personId: person.id },
      data: { submittedAt: finished, reviewedAt: new Date(finished.getTime() + DAY) },
    });
  }
}
