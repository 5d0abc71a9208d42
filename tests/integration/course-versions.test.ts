/**
 * Course versions: applying one records it, and a material change re-opens exactly the changed lessons for exactly
 * the people who completed them under an older version — their completion kept in history, a notification sent,
 * readiness recomputed. Minor edits, and courses nobody started, re-open nothing; applying twice changes nothing.
 * New versions are catalog courses with another version and other lesson hashes, as content:build would make them.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { CatalogCourse, CatalogLesson } from "~/.server/content/schema";
import { applyCourseVersion } from "~/.server/content/versions/apply";
import { KEY_CHANGED_NOTE } from "~/.server/content/versions/diff";
import { pendingVersions } from "~/.server/content/versions/recorded";
import { assignPeople } from "~/.server/curricula/assignments";
import { createCurriculum } from "~/.server/curricula/curricula";
import { prisma } from "~/.server/db";
import { deactivatePerson } from "~/.server/people/people";
import { finishLesson } from "~/.server/progress/progress";
import { formatDay } from "~/.server/readiness/rules";
import { action as pageAction, loader as pageLoader } from "~/routes/_app.hr.courses.$courseSlug";
import { loader as listLoader } from "~/routes/_app.hr.courses._index";
import { createTestPerson, makeRequest, outcomeOf, signedInCookie } from "../factories";
import { DAY, coursePool, dayFrom, finishCourse, plainLessons, quizLessons, type Actor } from "./helpers/readiness-world";

const ctx = { context: {} };
let hr: Actor;
let course: CatalogCourse;
let untouched: CatalogCourse;
let pageCourse: CatalogCourse;
let unique = 0;

/** The course as a later build would see it: a new version, the given lessons edited (a new hash; `key`: a new key too). */
function edited(base: CatalogCourse, edits: Record<string, { key?: boolean; changes?: CatalogLesson["changes"] }>): CatalogCourse {
  unique += 1;
  return {
    ...base,
    version: `${base.version.slice(0, 8)}-v${unique}`,
    lessons: base.lessons.map((l) => {
      const edit = edits[l.slug];
      if (!edit) return l;
      return { ...l, hash: `${l.hash}-e${unique}`, keyHash: edit.key ? `${l.keyHash}-e${unique}` : l.keyHash, changes: edit.changes ?? l.changes };
    }),
  };
}

async function learner(name: string, curriculumId: string) {
  const person = await createTestPerson({ name });
  await assignPeople(curriculumId, [person.email], { actor: hr, ip: null });
  return person;
}

const progressOf = (personId: string, courseSlug: string) =>
  prisma.lessonProgress.findMany({ where: { personId, courseSlug }, select: { lessonSlug: true, status: true, completedAt: true, courseVersion: true } });
const stateOf = async (personId: string) => (await prisma.readinessSummary.findUniqueOrThrow({ where: { personId } })).state;

beforeAll(async () => {
  const p = await createTestPerson({ role: "HR", name: "Hana HR" });
  hr = { id: p.id, name: p.name, email: p.email, role: "HR" };
  [course, untouched, pageCourse] = coursePool(3) as [CatalogCourse, CatalogCourse, CatalogCourse];
});

describe("applying a course version", () => {
  let curriculumId: string;
  let people: Record<"ada" | "ben" | "cai" | "dee" | "eve", { id: string; name: string }>;
  let target: CatalogLesson;
  let minor: CatalogLesson;
  /** The newest version applied so far: each next one is built on it. */
  let latest: CatalogCourse;
  const t0 = new Date();

  beforeAll(async () => {
    const made = await createCurriculum(
      { name: "Versions onboarding", description: "", inOrder: false, dueRule: null, courses: [{ slug: course.slug, required: true, dueRule: null }] },
      { actor: hr, ip: null },
    );
    if (!("id" in made)) throw new Error("curriculum not created");
    curriculumId = made.id;
    [target, minor] = [quizLessons(course)[0]!, plainLessons(course)[0]!];
    people = {
      ada: await learner("Ada Done", curriculumId),
      ben: await learner("Ben Done", curriculumId),
      cai: await learner("Cai Deactivated", curriculumId),
      dee: await learner("Dee Already New", curriculumId),
      eve: await learner("Eve Not Started", curriculumId),
    };
    for (const who of ["ada", "ben", "cai", "dee"] as const) await finishCourse(people[who].id, course, hr, t0);
    await deactivatePerson(people.cai.id, { actor: hr, ip: null });
  });

  it("records the first version as a baseline, re-opening nothing", async () => {
    const outcome = await applyCourseVersion(course, hr, t0);
    expect(outcome).toMatchObject({ kind: "applied", first: true, changes: [], people: 0 });
    expect(await prisma.lessonReopening.count()).toBe(0);
    expect(await stateOf(people.ada.id)).toBe("READY");
  });

  it("re-opens exactly the materially changed lesson for exactly the active people who completed it under an older version", async () => {
    const next = edited(course, { [target.slug]: { key: true }, [minor.slug]: {} });
    latest = next;
    // Dee completed the quiz lesson under the new version already (she took it after the build): she saw it.
    await prisma.lessonProgress.updateMany({ where: { personId: people.dee.id, courseSlug: course.slug }, data: { courseVersion: next.version } });
    const before = new Map((await progressOf(people.ada.id, course.slug)).map((r) => [r.lessonSlug, r]));
    const t1 = new Date(t0.getTime() + 3 * DAY);

    const outcome = await applyCourseVersion(next, hr, t1);
    expect(outcome).toMatchObject({ kind: "applied", first: false, people: 2, reopened: [{ slug: target.slug, title: target.title, people: 2 }] });
    if (outcome.kind !== "applied") return;
    expect(outcome.changes).toHaveLength(2);
    expect(outcome.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ slug: target.slug, kind: "changed", material: true, note: KEY_CHANGED_NOTE }),
        expect.objectContaining({ slug: minor.slug, kind: "changed", material: false }),
      ]),
    );

    for (const who of ["ada", "ben"] as const) {
      const rows = await progressOf(people[who].id, course.slug);
      expect(rows.filter((r) => r.status !== "COMPLETED").map((r) => r.lessonSlug)).toEqual([target.slug]);
      expect(rows.find((r) => r.lessonSlug === target.slug)).toMatchObject({ status: "IN_PROGRESS", completedAt: null });
    }
    for (const who of ["cai", "dee", "eve"] as const) {
      expect((await progressOf(people[who].id, course.slug)).filter((r) => r.status !== "COMPLETED")).toEqual([]);
    }

    // The earlier completion is kept, with the version it was made under.
    const reopenings = await prisma.lessonReopening.findMany({ where: { courseSlug: course.slug }, orderBy: { personId: "asc" } });
    expect(reopenings.map((r) => r.personId).sort()).toEqual([people.ada.id, people.ben.id].sort());
    const ada = reopenings.find((r) => r.personId === people.ada.id)!;
    const recorded = await prisma.courseVersion.findUniqueOrThrow({ where: { courseSlug_version: { courseSlug: course.slug, version: next.version } } });
    expect(ada).toMatchObject({
      lessonSlug: target.slug,
      cause: "CHANGE",
      courseVersionId: recorded.id,
      previousCompletedAt: before.get(target.slug)!.completedAt,
      previousVersion: course.version,
      changedOn: dayFrom(t1, 0),
      dueDate: dayFrom(t1, 14),
      resolvedAt: null,
    });
    expect(ada.attemptsBefore).toBeGreaterThan(0);
    expect(recorded).toMatchObject({ reopenedLessons: 1, reopenedPeople: 2, appliedById: hr.id, appliedByName: hr.name });

    // Each person told once, about that lesson, with a link to the course.
    const notes = await prisma.notification.findMany({ where: { kind: "lesson_reopened" } });
    expect(notes.map((n) => n.personId).sort()).toEqual([people.ada.id, people.ben.id].sort());
    expect(notes[0]!.body).toContain(target.title);
    expect(notes[0]!.body).not.toContain(minor.title);
    expect(notes[0]!.link).toBe(`/learn/${course.slug}`);

    // Ada was ready; now she has a lesson to review, and her readiness says which.
    const summary = await prisma.readinessSummary.findUniqueOrThrow({ where: { personId: people.ada.id } });
    expect(summary.state).not.toBe("READY");
    expect(JSON.parse(summary.reasons)).toContain(`'${target.title}' changed on ${formatDay(dayFrom(t1, 0))}: review it`);

    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "course_version.applied", target: course.slug }, orderBy: { at: "desc" } });
    expect(audit.actorId).toBe(hr.id);
    expect(JSON.parse(audit.details ?? "{}")).toMatchObject({ version: next.version, reopenedPeople: 2 });

    // Applying the same version again, even twice at once, changes nothing.
    const again = await Promise.all([applyCourseVersion(next, hr, t1), applyCourseVersion(next, hr, t1)]);
    expect(again).toEqual([{ kind: "already-applied" }, { kind: "already-applied" }]);
    expect(await prisma.lessonReopening.count({ where: { courseSlug: course.slug } })).toBe(2);
    expect(await prisma.notification.count({ where: { kind: "lesson_reopened" } })).toBe(2);

    // Doing the lesson again closes the reopening; the history row stays.
    await finishLesson({ personId: people.ben.id, courseSlug: course.slug, lessonSlug: target.slug, courseVersion: next.version });
    const ben = await prisma.lessonReopening.findFirstOrThrow({ where: { personId: people.ben.id } });
    expect(ben.resolvedAt).not.toBeNull();
  });

  it("re-opens nothing for a minor edit, and uses the author's declared date and note for a material one", async () => {
    const minorOnly = edited(latest, { [minor.slug]: {} });
    expect(await applyCourseVersion(minorOnly, hr, new Date())).toMatchObject({ kind: "applied", people: 0, reopened: [] });
    expect(await prisma.lessonReopening.count({ where: { courseSlug: course.slug } })).toBe(2);

    const declared = { on: "2026-11-20", material: true, note: "The checklist now starts with the safety check." };
    const next = edited(minorOnly, { [minor.slug]: { changes: [declared] } });
    const outcome = await applyCourseVersion(next, hr, new Date());
    expect(outcome).toMatchObject({ kind: "applied", reopened: [{ slug: minor.slug }] });
    // Ben and Dee completed it under older versions; Ada too; Cai is deactivated.
    const rows = await prisma.lessonReopening.findMany({ where: { courseSlug: course.slug, lessonSlug: minor.slug } });
    expect(rows.map((r) => r.personId).sort()).toEqual([people.ada.id, people.ben.id, people.dee.id].sort());
    expect(rows[0]!.changedOn).toEqual(new Date("2026-11-20T00:00:00Z"));
    const note = await prisma.notification.findFirstOrThrow({ where: { kind: "lesson_reopened", personId: people.dee.id } });
    expect(note.body).toContain(declared.note);
  });

  it("re-opens nothing when nobody has started the course", async () => {
    expect(await prisma.lessonProgress.count({ where: { courseSlug: untouched.slug } })).toBe(0);
    await applyCourseVersion(untouched, null, new Date());
    const changed = edited(untouched, Object.fromEntries(untouched.lessons.map((l) => [l.slug, { key: true }])));
    expect(await applyCourseVersion(changed, null, new Date())).toMatchObject({ kind: "applied", people: 0, reopened: [] });
    expect(await prisma.lessonReopening.count({ where: { courseSlug: untouched.slug } })).toBe(0);
  });
});

describe("the course library", () => {
  let hrCookie: string;
  let managerCookie: string;
  let quiz: CatalogLesson;
  const page = (cookie: string) =>
    outcomeOf(pageLoader({ request: makeRequest(`/hr/courses/${pageCourse.slug}`, { cookie }), params: { courseSlug: pageCourse.slug }, ...ctx }));
  const apply = (cookie: string, form: Record<string, string>) =>
    outcomeOf(pageAction({ request: makeRequest(`/hr/courses/${pageCourse.slug}`, { cookie, form }), params: { courseSlug: pageCourse.slug }, ...ctx }));

  beforeAll(async () => {
    hrCookie = (await signedInCookie(hr.id)).cookie;
    managerCookie = (await signedInCookie((await createTestPerson({ role: "MANAGER" })).id)).cookie;
    quiz = quizLessons(pageCourse)[0]!;
    // An earlier version whose quiz key differs from the catalog's, and three people who completed under it.
    const earlier = { ...edited(pageCourse, { [quiz.slug]: { key: true } }), version: "earlier-version" };
    await applyCourseVersion(earlier, null, new Date(Date.now() - 30 * DAY));
    for (let i = 0; i < 3; i++) {
      const person = await createTestPerson({ name: `Lib Learner ${i}` });
      for (const l of pageCourse.lessons) {
        await prisma.lessonProgress.create({
          data: {
            personId: person.id,
            courseSlug: pageCourse.slug,
            lessonSlug: l.slug,
            courseVersion: "earlier-version",
            status: "COMPLETED",
            completedAt: new Date(),
          },
        });
      }
    }
  });

  it("shows the pending version, each change and how many people it would re-open; content:diff counts the same", async () => {
    const { data } = await page(managerCookie);
    expect(data.pending).toMatchObject({ version: pageCourse.version, first: false, people: 3 });
    expect(data.pending?.changes).toEqual([expect.objectContaining({ slug: quiz.slug, kind: "changed", material: true, note: KEY_CHANGED_NOTE, people: 3 })]);
    expect(data.history).toEqual([expect.objectContaining({ version: "earlier-version", first: true, appliedBy: null })]);
    const [pending] = await pendingVersions([pageCourse]);
    expect(pending?.changes.map((c) => c.people)).toEqual([3]);

    const list = await outcomeOf(listLoader({ request: makeRequest("/hr/courses", { cookie: managerCookie }), params: {}, ...ctx }));
    const row = (slug: string) => list.data.courses.find((c: { slug: string }) => c.slug === slug);
    expect(row(pageCourse.slug)?.changePending).toBe(true);
    expect(row(course.slug)?.changePending).toBe(false);
  });

  it("lets only HR apply it, refuses a form without a version and one for a version no longer built", async () => {
    expect((await apply(managerCookie, { version: pageCourse.version })).status).toBe(403);
    expect((await apply(hrCookie, {})).status).toBe(400);
    const stale = await apply(hrCookie, { version: "an-older-build" });
    expect(stale.status).toBe(409);
    expect(await prisma.courseVersion.count({ where: { courseSlug: pageCourse.slug } })).toBe(1);

    const applied = await apply(hrCookie, { version: pageCourse.version });
    expect(applied.location).toBe(`/hr/courses/${pageCourse.slug}?applied=${pageCourse.version}#versions`);
    expect(await prisma.lessonReopening.count({ where: { courseSlug: pageCourse.slug } })).toBe(3);
    const { data } = await page(hrCookie);
    expect(data.pending).toBeNull();
    expect(data.history[0]).toMatchObject({ version: pageCourse.version, appliedBy: hr.name, reopenedLessons: 1, reopenedPeople: 3 });

    const twice = await apply(hrCookie, { version: pageCourse.version });
    expect(twice.data).toMatchObject({ message: expect.stringMatching(/already applied/) });
    expect(await prisma.lessonReopening.count({ where: { courseSlug: pageCourse.slug } })).toBe(3);
  });
});
