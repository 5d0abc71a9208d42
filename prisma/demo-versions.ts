// Demo course versions: every course's version recorded as a baseline, and one pending material change, so the
// course library shows what applying it would re-open. Idempotent: a course already past its baseline is left alone.
import { getCatalog, getCourse } from "../app/.server/content/catalog";
import { applyAllCourses } from "../app/.server/content/versions/apply";
import { recordLessons } from "../app/.server/content/versions/diff";
import { prisma } from "../app/.server/db";

/** The course whose change is pending in the demo; its content/courses/<slug>/changes.yml declares the change. */
const COURSE = "service-recovery";
const EARLIER = "demo-earlier";
const DAY = 24 * 60 * 60 * 1000;

/**
 * Apply every course (the first version of each is a baseline), then pretend the demo course was recorded before
 * its declared change: its baseline becomes an older version ("demo-earlier") in which the changed lesson had other
 * files and another quiz key, and the completions made under the current version move to that older one.
 */
export async function recordDemoVersions(now = new Date()) {
  // Once faked, the demo course's change stays pending until someone applies it (a second seed must not).
  const faked = (await prisma.courseVersion.count({ where: { courseSlug: COURSE, version: EARLIER } })) > 0;
  await applyAllCourses(
    null,
    now,
    getCatalog().courses.filter((c) => !faked || c.slug !== COURSE),
  );
  if (faked) return;
  const course = getCourse(COURSE);
  const changed = course?.lessons.find((l) => (l.changes ?? []).some((c) => c.material));
  if (!course || !changed) return;
  const rows = await prisma.courseVersion.findMany({ where: { courseSlug: COURSE }, select: { id: true, version: true } });
  if (rows.length !== 1 || rows[0]?.version !== course.version) return;
  const lessons = recordLessons(course).map((l) =>
    l.slug === changed.slug ? { ...l, hash: `${EARLIER}-${l.hash}`.slice(0, 16), keyHash: `${EARLIER}-${l.keyHash ?? ""}`.slice(0, 16), declaredOn: null } : l,
  );
  await prisma.$transaction([
    prisma.courseVersion.update({
      where: { id: rows[0].id },
      data: { version: EARLIER, lessons: JSON.stringify(lessons), appliedAt: new Date(now.getTime() - 60 * DAY) },
    }),
    prisma.lessonProgress.updateMany({ where: { courseSlug: COURSE, courseVersion: course.version }, data: { courseVersion: EARLIER } }),
  ]);
}
