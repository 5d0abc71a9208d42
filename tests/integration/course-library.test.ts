import { beforeAll, describe, expect, it } from "vitest";
import { getCatalog, getCourse } from "~/.server/content/catalog";
import { prisma } from "~/.server/db";
import { loader as pageLoader } from "~/routes/_app.hr.courses.$courseSlug";
import { loader as previewLoader } from "~/routes/_app.hr.courses.$courseSlug_.preview.$lessonSlug";
import { loader as listLoader } from "~/routes/_app.hr.courses._index";
import { createTestPerson, makeRequest, outcomeOf, signedInCookie } from "../factories";

const SLUG = "our-promise";
const course = getCourse(SLUG)!;
const ctx = { context: {} };

const list = (cookie: string, query = "") => outcomeOf(listLoader({ request: makeRequest(`/hr/courses${query}`, { cookie }), params: {}, ...ctx }));
const page = (cookie: string, slug = SLUG) =>
  outcomeOf(pageLoader({ request: makeRequest(`/hr/courses/${slug}`, { cookie }), params: { courseSlug: slug }, ...ctx }));
const preview = (cookie: string, courseSlug: string, lessonSlug: string) =>
  outcomeOf(previewLoader({ request: makeRequest(`/hr/courses/${courseSlug}/preview/${lessonSlug}`, { cookie }), params: { courseSlug, lessonSlug }, ...ctx }));

let hr: string;
let manager: string;
let learner: string;
const curricula: Record<"first" | "second" | "archived", string> = { first: "", second: "", archived: "" };

async function completeLessons(personId: string, lessons: string[], courseVersion = course.version) {
  for (const lessonSlug of lessons) {
    await prisma.lessonProgress.create({
      data: { personId, courseSlug: SLUG, lessonSlug, courseVersion, status: "COMPLETED", completedAt: new Date("2026-11-10T09:00:00Z") },
    });
  }
}

const assign = (personId: string, curriculumId: string, unassignedAt: Date | null = null) =>
  prisma.assignment.create({ data: { personId, curriculumId, unassignedAt } });

/*
 * Holders: p1 (two curricula, counted once) and p2. Not holders: p3 (archived curriculum only), p4 (unassigned),
 * p5 (deactivated). Completed every current lesson: p1 and p6 (no curriculum); p2 misses one; p5 is deactivated.
 */
beforeAll(async () => {
  hr = (await signedInCookie((await createTestPerson({ role: "HR" })).id)).cookie;
  manager = (await signedInCookie((await createTestPerson({ role: "MANAGER" })).id)).cookie;
  learner = (await signedInCookie((await createTestPerson()).id)).cookie;
  const make = (name: string, required: boolean, archivedAt: Date | null = null) =>
    prisma.curriculum.create({ data: { name, archivedAt, courses: { create: [{ courseSlug: SLUG, position: 1, required }] } } });
  curricula.first = (await make("Front desk onboarding", true)).id;
  curricula.second = (await make("Optional extras", false)).id;
  curricula.archived = (await make("Old onboarding", true, new Date("2026-01-01"))).id;
  const [p1, p2, p3, p4, p5, p6] = await Promise.all([1, 2, 3, 4, 5, 6].map(() => createTestPerson()));
  await assign(p1!.id, curricula.first);
  await assign(p1!.id, curricula.second);
  await assign(p2!.id, curricula.first);
  await assign(p3!.id, curricula.archived);
  await assign(p4!.id, curricula.first, new Date("2026-11-05"));
  await assign(p5!.id, curricula.first);
  await prisma.person.update({ where: { id: p5!.id }, data: { deactivatedAt: new Date("2026-11-06") } });
  const slugs = course.lessons.map((l) => l.slug);
  await completeLessons(p1!.id, slugs.slice(0, 2), "0ld0ld0ld0ld0ld0");
  await completeLessons(p1!.id, slugs.slice(2));
  await completeLessons(p2!.id, slugs.slice(1));
  await completeLessons(p2!.id, ["a-lesson-since-removed"], "0ld0ld0ld0ld0ld0");
  await completeLessons(p5!.id, slugs);
  await completeLessons(p6!.id, slugs);
});

describe("the course library list", () => {
  it.each([
    ["HR", () => hr],
    ["a manager", () => manager],
  ])("shows %s every course with its facts, curricula, holders and completions", async (_who, cookie) => {
    const { status, data } = await list(cookie());
    expect(status).toBe(200);
    expect(data.courses.map((c: { slug: string }) => c.slug)).toEqual(getCatalog().courses.map((c) => c.slug));
    expect(data.courses.find((c: { slug: string }) => c.slug === SLUG)).toMatchObject({
      title: course.title,
      audience: course.audience,
      owner: course.owner,
      lessons: course.lessons.length,
      minutes: course.minutes,
      version: course.version,
      curricula: 2,
      holders: 2,
      completed: 2,
    });
    expect(data.courses.find((c: { slug: string }) => c.slug === "daily-line-up")).toMatchObject({ curricula: 0, holders: 0, completed: 0 });
  });

  it("searches by title, ignoring case", async () => {
    const { data } = await list(hr, "?q=PROMISE");
    expect(data.courses.map((c: { slug: string }) => c.slug)).toEqual([SLUG]);
    expect((await list(hr, "?q=no+such+title")).data.courses).toEqual([]);
  });
});

describe("a course page", () => {
  it("gives HR the lessons in order with their kind, the curricula, the versions completed and the item analysis", async () => {
    const { status, data } = await page(hr);
    expect(status).toBe(200);
    expect(data.course).toMatchObject({
      title: course.title,
      audience: course.audience,
      owner: course.owner,
      minutes: course.minutes,
      version: course.version,
    });
    expect(data.lessons.map((l: { slug: string }) => l.slug)).toEqual(course.lessons.map((l) => l.slug));
    expect(data.lessons.map((l: { kind: string }) => l.kind)).toEqual(["quiz", "quiz", "quiz", "quiz", "practice"]);
    expect(data.lessons[0]?.objectives).toEqual(course.lessons[0]!.objectives);
    expect(data.curricula).toEqual([
      { id: curricula.first, name: "Front desk onboarding", required: true },
      { id: curricula.second, name: "Optional extras", required: false },
    ]);
    expect({ holders: data.holders, completed: data.completed }).toEqual({ holders: 2, completed: 2 });
    // Current: p1 3 lessons, p2 4, p6 5 (p5 is deactivated). Older: p1 2, p2 the removed lesson.
    expect(data.versions).toEqual([
      { version: course.version, current: true, people: 3, lessonCompletions: 12 },
      { version: "0ld0ld0ld0ld0ld0", current: false, people: 2, lessonCompletions: 3 },
    ]);
    expect(data.readsFeedback).toBe(true);
    expect(data.quizzes?.map((q) => q.lessonSlug)).toEqual(course.lessons.filter((l) => l.quiz).map((l) => l.slug));
  });

  it("gives a manager the same course without item analysis or feedback", async () => {
    const { status, data } = await page(manager);
    expect(status).toBe(200);
    expect(data.holders).toBe(2);
    expect(data.curricula.map((c: { name: string }) => c.name)).toEqual(["Front desk onboarding", "Optional extras"]);
    expect(data.quizzes).toBeNull();
    expect(data.readsFeedback).toBe(false);
  });

  it("answers 404 for an unknown course", async () => {
    expect((await page(hr, "no-such-course")).status).toBe(404);
  });
});

describe("previewing a lesson as a learner", () => {
  const counts = () =>
    Promise.all([
      prisma.lessonProgress.count(),
      prisma.quizAttempt.count(),
      prisma.lessonInteraction.count(),
      prisma.reflectionNote.count(),
      prisma.lessonFeedback.count(),
      prisma.practiceSubmission.count(),
      prisma.courseConfidence.count(),
      prisma.auditEvent.count(),
    ]);

  it("shows every lesson of every course to HR and a manager and records nothing", async () => {
    const before = await counts();
    for (const cookie of [hr, manager]) {
      for (const c of getCatalog().courses) {
        for (const [i, l] of c.lessons.entries()) {
          const { status, data } = await preview(cookie, c.slug, l.slug);
          expect(status, `${c.slug}/${l.slug}`).toBe(200);
          expect(data.lesson.title).toBe(l.title);
          expect(data.segments.length).toBeGreaterThan(0);
          expect(data.previous?.slug ?? null).toBe(c.lessons[i - 1]?.slug ?? null);
          expect(data.next?.slug ?? null).toBe(c.lessons[i + 1]?.slug ?? null);
        }
      }
    }
    expect(await counts()).toEqual(before);
  });

  it("shows a quiz's questions without any key, feedback or explanation", async () => {
    const lesson = course.lessons.find((l) => l.quiz)!;
    const { data } = await preview(hr, SLUG, lesson.slug);
    const json = JSON.stringify(data);
    expect(data.quiz?.open?.items.map((i) => i.id)).toEqual(lesson.quiz!.questions.map((q) => q.id));
    for (const key of ['"correct"', '"answer"', '"explanation"', '"feedbackTrue"', '"feedbackFalse"']) expect(json).not.toContain(key);
    expect(JSON.stringify(data.quiz)).not.toContain('"feedback"');
    for (const q of lesson.quiz!.questions) expect(json).not.toContain(JSON.stringify(q.explanation).slice(1, -1));
  });

  it("answers 404 for an unknown lesson", async () => {
    expect((await preview(hr, SLUG, "no-such-lesson")).status).toBe(404);
  });
});

describe("a learner", () => {
  it("gets 403 from the list, a course page and a preview", async () => {
    expect((await list(learner)).status).toBe(403);
    expect((await page(learner)).status).toBe(403);
    expect((await preview(learner, SLUG, course.lessons[0]!.slug)).status).toBe(403);
  });
});
