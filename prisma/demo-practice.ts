// Practice tasks in the demo: signed off, waiting for an observer, and returned with notes — through the same
// domain functions the app uses, then dated as if it had happened over the last weeks.
import { getCourse } from "../app/.server/content/catalog";
import { prisma } from "../app/.server/db";
import { reviewPractice, submitPractice } from "../app/.server/practice/submissions";

export type PracticeStep = {
  email: string;
  course: string;
  lesson?: string;
  outcome: "signed-off" | "waiting" | "returned";
  daysAgo: number;
  note: string;
  comment?: string;
  reviewer?: string;
};

const DAY = 24 * 60 * 60 * 1000;

/** One person's practice task, as far as `outcome`: submitted, then signed off or returned by `reviewer`. */
export async function practise(step: PracticeStep) {
  const course = getCourse(step.course);
  const lesson = course?.lessons.find((l) => l.practice && (step.lesson === undefined || l.slug === step.lesson));
  const person = await prisma.person.findUnique({ where: { email: step.email }, select: { id: true, email: true, manager: { select: { email: true } } } });
  if (!course || !lesson || !person) return;
  if ((await prisma.practiceSubmission.count({ where: { personId: person.id, lessonSlug: lesson.slug } })) > 0) return;
  const submittedAt = new Date(Date.now() - step.daysAgo * DAY);
  await submitPractice({ personId: person.id, personEmail: person.email, course, lesson, note: step.note, link: "" }, submittedAt);
  if (step.outcome === "waiting") return;
  const reviewerEmail = step.reviewer ?? person.manager?.email ?? "hr@baton.test";
  const reviewer = await prisma.person.findUniqueOrThrow({ where: { email: reviewerEmail }, select: { id: true, name: true, email: true, role: true } });
  const submission = await prisma.practiceSubmission.findFirstOrThrow({
    where: { personId: person.id, lessonSlug: lesson.slug, status: "WAITING" },
    select: { id: true },
  });
  const form = new FormData();
  form.set("decision", step.outcome === "signed-off" ? "sign-off" : "return");
  form.set("comment", step.comment ?? "");
  const met = step.outcome === "signed-off" ? lesson.practice!.criteria.map((_, i) => i) : [0, 1];
  for (const i of met) form.append("criteria", String(i));
  await reviewPractice(reviewer, submission.id, form, new Date(submittedAt.getTime() + DAY));
}

/** This year's new hires and managers: two waiting (one for over a week), two returned (Ella's are signed off with her courses). */
export async function seedDemoPractice() {
  const steps: PracticeStep[] = [
    {
      email: "lena.kowalski@baton.test",
      course: "internal-customer-service",
      outcome: "waiting",
      daysAgo: 1,
      note: "Passed the billing dispute for account 4471 to Samir with a summary and the call recording.",
    },
    {
      email: "maria.santos@baton.test",
      course: "internal-customer-service",
      outcome: "returned",
      daysAgo: 2,
      note: "Told the evening receptionist about the late check-in.",
      comment: "The guest's name and room were missing, and nobody checked the evening team had it. Try a written note next time and ask them to confirm.",
    },
    {
      email: "manager2@baton.test",
      course: "leading-a-service-culture",
      outcome: "waiting",
      daysAgo: 9,
      note: "Coached Kofi after a tense exchange with dispatch; we agreed he would call before escalating by e-mail.",
    },
    {
      email: "manager@baton.test",
      course: "leading-a-service-culture",
      outcome: "returned",
      daysAgo: 4,
      note: "Gave Tom feedback on a transfer in our weekly one-to-one.",
      comment: "A week later is too late for in-the-moment coaching. Try to give the feedback the same day.",
      reviewer: "hr@baton.test",
    },
  ];
  for (const step of steps) await practise(step);
}
