// The demo's recertification: a yearly refresher whose certificates carry an end. One holder's certificate is in its
// renewal notice (Expiring, the refresher re-opened for them); two recent completers hold valid ones.
// Idempotent: keyed by the curriculum's name.
import { getCourse } from "../app/.server/content/catalog";
import { assignPeople } from "../app/.server/curricula/assignments";
import { createCurriculum } from "../app/.server/curricula/curricula";
import { prisma } from "../app/.server/db";
import { addMonths } from "../app/.server/certificates/dates";
import { startOfDayUTC } from "../app/.server/curricula/due-dates";
import { openDueRenewals } from "../app/.server/certificates/renewal";
import { freshenReadiness, markReadinessStale } from "../app/.server/readiness/upkeep";
import { pastHireEmail } from "./demo-cohort";

const REFRESHER = "Yearly service refresher";
const COURSE = "service-standards-you-can-see";
const DAY = 24 * 60 * 60 * 1000;

/** Who completed the refresher, and how many days ago (350: inside the 30-day notice of a 12-month validity). */
const COMPLETERS: [email: string, daysAgo: number][] = [
  ["manager3@baton.test", 350],
  [pastHireEmail("Amara Diallo"), 100],
  [pastHireEmail("Ben Carter"), 95],
];

/** Run after the rest of the seed has loaded (it freshens readiness, which issues the certificates). */
export async function seedDemoRenewal(now = new Date()) {
  const course = getCourse(COURSE);
  if (!course || (await prisma.curriculum.findFirst({ where: { name: REFRESHER } }))) return;
  const hr = await prisma.person.findUniqueOrThrow({ where: { email: "hr@baton.test" }, select: { id: true, email: true } });
  const ctx = { actor: hr, ip: null };
  const refresher = await createCurriculum(
    {
      name: REFRESHER,
      description: "Taken once a year by everyone who serves customers: the standards, how we check them, and feedback.",
      inOrder: false,
      dueRule: { kind: "days", days: 30 },
      courses: [{ slug: COURSE, required: true, dueRule: null }],
    },
    ctx,
  );
  // Set up two years ago, so its due rule counts from each holder's assignment, as it would have.
  const setUp = new Date(now.getTime() - 730 * DAY);
  await prisma.curriculum.update({ where: { id: refresher.id }, data: { validityMonths: 12, renewalNoticeDays: 30, createdAt: setUp } });
  await prisma.curriculumCourse.updateMany({ where: { curriculumId: refresher.id }, data: { renew: true, addedAt: setUp, requiredSince: setUp } });
  await assignPeople(
    refresher.id,
    COMPLETERS.map(([email]) => email),
    ctx,
  );
  const people = await prisma.person.findMany({ where: { email: { in: COMPLETERS.map(([email]) => email) } }, select: { id: true, email: true } });
  for (const [email, daysAgo] of COMPLETERS) {
    const person = people.find((p) => p.email === email);
    if (!person) continue;
    const completedAt = new Date(now.getTime() - daysAgo * DAY);
    await prisma.assignment.updateMany({
      where: { personId: person.id, curriculumId: refresher.id },
      data: { assignedAt: new Date(completedAt.getTime() - 5 * DAY) },
    });
    await prisma.lessonProgress.createMany({
      data: course.lessons.map((l) => ({
        personId: person.id,
        courseSlug: COURSE,
        lessonSlug: l.slug,
        courseVersion: course.version,
        status: "COMPLETED" as const,
        startedAt: completedAt,
        completedAt,
      })),
    });
  }
  // Readiness issues the certificates (dated today); date each back to its completion, as if issued then.
  await prisma.$transaction((tx) => markReadinessStale(tx, "all", "Demo data loaded"));
  await freshenReadiness(now);
  for (const [email, daysAgo] of COMPLETERS) {
    const person = people.find((p) => p.email === email);
    const issuedAt = new Date(now.getTime() - daysAgo * DAY);
    if (person)
      await prisma.certificate.updateMany({
        where: { personId: person.id, curriculumId: refresher.id },
        data: { issuedAt, validUntil: addMonths(startOfDayUTC(issuedAt), 12) },
      });
  }
  await openDueRenewals(now);
}
