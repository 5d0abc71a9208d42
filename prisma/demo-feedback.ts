// Learner feedback in the demo: ratings on the essentials' lessons from earlier cohorts, comments (some
// anonymous) with the owners' answers, and confidence before and after each course. Idempotent: feedback is
// added only to a database that has none; confidence only to people who have none.
import { getCourse } from "../app/.server/content/catalog";
import { prisma } from "../app/.server/db";
import { answerFeedback } from "../app/.server/feedback/replies";
import type { FeedbackStatus } from "../app/.server/feedback/rules";
import { PAST_HIRES, pastHireEmail } from "./demo-cohort";

const DAY = 24 * 60 * 60 * 1000;
const COURSES = ["what-is-a-service-culture", "internal-customer-service", "listening-both-ways"];
/** The browser tests' own learners: their feedback and confidence start empty. */
const RESERVED = new Set(["kemi.adeyemi@baton.test", "noah.fischer@baton.test"]);
/** Lessons changed after feedback: rated a point lower before the change than in the last 30 days. */
const IMPROVED = new Set(["costs-and-limits", "speaking-up"]);

type Answer = { status: Exclude<FeedbackStatus, "NEW">; reply: string };
type DemoComment = { by: string | null; course: string; lesson: string; rating: number; comment: string; answer?: Answer };

/** `by: null` is anonymous. Replies come from each course's owner (content/courses/<slug>/index.mdx). */
const COMMENTS: DemoComment[] = [
  {
    by: "amara.diallo@baton.test",
    course: "what-is-a-service-culture",
    lesson: "why-it-matters",
    rating: 4,
    comment: "The figures on returning customers made it click for me. An example from one of our own sites would land even better.",
    answer: { status: "PLANNED", reply: "the Front Desk team is collecting a real example for us; it goes into the next version of the lesson." },
  },
  {
    by: "ben.carter@baton.test",
    course: "what-is-a-service-culture",
    lesson: "costs-and-limits",
    rating: 2,
    comment: "This one felt long, and by the end I was not sure what I was meant to do differently.",
    answer: { status: "CHANGED", reply: "the lesson is a third shorter and now ends with three things to try in your first week." },
  },
  {
    by: null,
    course: "what-is-a-service-culture",
    lesson: "what-it-looks-like",
    rating: 3,
    comment: "Every scenario is set in a shop. Work in the warehouse looks quite different.",
    answer: { status: "PLANNED", reply: "two warehouse scenarios, written with Priya's team, are on their way." },
  },
  {
    by: "chen.wei@baton.test",
    course: "internal-customer-service",
    lesson: "the-relay-hand-off",
    rating: 5,
    comment: "The list of what the next person needs is now on a sticky note next to my screen.",
  },
  {
    by: "dana.kruger@baton.test",
    course: "internal-customer-service",
    lesson: "covering-for-each-other",
    rating: 2,
    comment: "Could the quiz show the right answer straight away? I had to guess what I got wrong.",
    answer: {
      status: "DECLINED",
      reply: "show the right answers before a pass, or they could be collected for the next attempt. Each option you pick now explains what it misses.",
    },
  },
  {
    by: null,
    course: "internal-customer-service",
    lesson: "fixing-broken-hand-offs",
    rating: 3,
    comment: "I would like to hear how an apology to a colleague sounds, not only one to a customer.",
    answer: { status: "CHANGED", reply: "the lesson now shows a short exchange in which someone owns a dropped hand-off with a colleague." },
  },
  {
    by: "elif.yilmaz@baton.test",
    course: "internal-customer-service",
    lesson: "one-team-for-the-customer",
    rating: 4,
    comment: "Billing questions come up all day in my job; an example about an invoice would fit better.",
    answer: { status: "PLANNED", reply: "an invoice example is being written with the billing team." },
  },
  {
    by: null,
    course: "internal-customer-service",
    lesson: "colleagues-are-customers",
    rating: 4,
    comment: "Two options in the quiz question about internal customers both seemed right to me.",
    answer: { status: "CHANGED", reply: "the second option was reworded so that only one answer fits." },
  },
  {
    by: "farid.nasser@baton.test",
    course: "listening-both-ways",
    lesson: "ask-before-you-change",
    rating: 4,
    comment: "Good lesson. I wish my shift lead had taken it before reorganising our pick lists.",
  },
  {
    by: "gita.sharma@baton.test",
    course: "listening-both-ways",
    lesson: "closing-the-loop",
    rating: 5,
    comment: "We started a small board at the front desk showing what guests asked for and what we did about it.",
  },
  {
    by: null,
    course: "listening-both-ways",
    lesson: "speaking-up",
    rating: 2,
    comment: "Speaking up sounds easy. I would like to know what actually happens to a suggestion after I send it.",
    answer: { status: "CHANGED", reply: "the lesson now follows one suggestion from the moment it is sent to the answer: who reads it, and by when." },
  },
  {
    by: "hugo.lambert@baton.test",
    course: "listening-both-ways",
    lesson: "listening-to-customers",
    rating: 3,
    comment: "A lot of reading. A recording of a real call would teach this faster.",
    answer: {
      status: "DECLINED",
      reply: "use recordings of real calls, because we cannot ask every caller for consent. There is now a transcript with the turning points marked instead.",
    },
  },
  {
    by: "ella.novak@baton.test",
    course: "listening-both-ways",
    lesson: "two-way-communication",
    rating: 4,
    comment: "Clear and short. The checklist at the end was the part I used.",
  },
];

type Person = { id: string; email: string; startDate: Date | null };

async function demoLearners(): Promise<(Person & { index: number })[]> {
  const emails = [...PAST_HIRES.map(([name]) => pastHireEmail(name)), "ella.novak@baton.test"].filter((e) => !RESERVED.has(e));
  const people = await prisma.person.findMany({ where: { email: { in: emails } }, select: { id: true, email: true, startDate: true } });
  return people.map((p) => ({ ...p, index: emails.indexOf(p.email) })).sort((a, b) => a.index - b.index);
}

/** When the person finished a lesson (or a course, for `null`), from their progress. */
async function finishedAt(person: Person, course: string, lesson: string | null) {
  const rows = await prisma.lessonProgress.findMany({
    where: { personId: person.id, courseSlug: course, ...(lesson ? { lessonSlug: lesson } : {}) },
    select: { completedAt: true },
  });
  const times = rows.flatMap((r) => (r.completedAt ? [r.completedAt.getTime()] : []));
  return times.length > 0 ? new Date(Math.max(...times)) : null;
}

/** Before and after, for each essentials course the person finished: most gain a point or two. */
async function seedConfidence(learners: (Person & { index: number })[]) {
  for (const person of learners) {
    if (!person.startDate || (await prisma.courseConfidence.count({ where: { personId: person.id } })) > 0) continue;
    for (const [n, course] of COURSES.entries()) {
      const after = await finishedAt(person, course, null);
      if (!after) continue;
      const before = 1 + ((person.index + n) % 3);
      const gain = (person.index + 2 * n) % 4 === 0 ? 0 : 1 + ((person.index + n) % 2);
      await prisma.courseConfidence.createMany({
        data: [
          { personId: person.id, courseSlug: course, moment: "BEFORE", value: before, createdAt: person.startDate },
          { personId: person.id, courseSlug: course, moment: "AFTER", value: Math.min(5, before + gain), createdAt: after },
        ],
      });
    }
  }
}

/** Two in three finished lessons get a named rating; a named comment rides on its author's rating. */
async function seedRatings(learners: (Person & { index: number })[], now: Date) {
  for (const person of learners) {
    for (const course of COURSES) {
      for (const [j, lesson] of (getCourse(course)?.lessons ?? []).entries()) {
        const comment = COMMENTS.find((c) => c.by === person.email && c.course === course && c.lesson === lesson.slug);
        const at = await finishedAt(person, course, lesson.slug);
        if (!at || (!comment && (person.index + j) % 3 === 0)) continue;
        const recent = now.getTime() - at.getTime() < 30 * DAY;
        const base = IMPROVED.has(lesson.slug) && !recent ? 3 : 4;
        const rating = comment?.rating ?? Math.max(1, Math.min(5, base + ((person.index * 7 + j * 3) % 3) - 1));
        await prisma.lessonFeedback.create({
          data: { personId: person.id, courseSlug: course, lessonSlug: lesson.slug, rating, comment: comment?.comment, createdAt: at },
        });
      }
    }
  }
  // Anonymous comments: no person, dated a few weeks back.
  for (const [i, c] of COMMENTS.entries()) {
    if (c.by !== null) continue;
    const createdAt = new Date(now.getTime() - (20 + 9 * i) * DAY);
    await prisma.lessonFeedback.create({
      data: { courseSlug: c.course, lessonSlug: c.lesson, rating: c.rating, comment: c.comment, anonymous: true, createdAt },
    });
  }
}

/** The owners' answers, through the same domain function (and audit) as the Feedback page, a few days later. */
async function seedAnswers() {
  for (const c of COMMENTS) {
    const ownerEmail = getCourse(c.course)?.ownerEmail;
    if (!c.answer || !ownerEmail) continue;
    const owner = await prisma.person.findUnique({ where: { email: ownerEmail }, select: { id: true, name: true, email: true, role: true } });
    const row = await prisma.lessonFeedback.findFirst({
      where: { courseSlug: c.course, lessonSlug: c.lesson, comment: c.comment },
      select: { id: true, createdAt: true },
    });
    if (!owner || !row) continue;
    const repliedAt = new Date(row.createdAt.getTime() + 3 * DAY);
    await answerFeedback(owner, c.course, { feedbackId: row.id, status: c.answer.status, reply: c.answer.reply }, { ip: null }, repliedAt);
  }
}

export async function seedDemoFeedback(now = new Date()) {
  const learners = await demoLearners();
  await seedConfidence(learners);
  if ((await prisma.lessonFeedback.count()) > 0) return;
  await seedRatings(learners, now);
  await seedAnswers();
}
