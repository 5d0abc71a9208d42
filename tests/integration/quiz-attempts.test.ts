import { beforeAll, describe, expect, it } from "vitest";
import { getCourse } from "~/.server/content/catalog";
import type { CatalogCourse, CatalogLesson, Question } from "~/.server/content/schema";
import { prisma } from "~/.server/db";
import { answerForm } from "~/.server/quiz/answering";
import { startAttempt, submitAttempt } from "~/.server/quiz/attempts";
import { seededRandom } from "~/.server/quiz/draw";
import { parseAttemptSet, parseResults } from "~/.server/quiz/snapshot";
import { lessonQuiz } from "~/.server/quiz/standing";
import { action as lessonAction, loader as lessonLoader } from "~/routes/_app.learn.$courseSlug.$lessonSlug";
import { createTestPerson, having, makeRequest, outcomeOf, signedInCookie } from "../factories";
import { testCourse } from "~/.server/content/test-course";

const ctx = { context: {} };
const item = (id: string, tag: string): Question => ({
  id,
  tag,
  type: "single",
  prompt: `Prompt ${id}`,
  explanation: `Because ${id}`,
  choices: [{ text: `${id} right`, correct: true, feedback: `Good: ${id}` }, { text: `${id} wrong`, feedback: `Not ${id}` }, { text: `${id} other` }],
});

/** A course of one lesson whose quiz draws 2 of 3 scenario items and 1 of 2 knowledge items. */
function poolCourse(): { course: CatalogCourse; lesson: CatalogLesson } {
  const lesson: CatalogLesson = {
    slug: "pooled",
    number: 1,
    title: "Pooled",
    objectives: ["x"],
    minutes: 5,
    completion: "quiz",
    codeFile: "x.js",
    quizInBody: false,
    quiz: {
      passMark: 60,
      groups: [
        { tag: "scenario", draw: 2 },
        { tag: "knowledge", draw: 1 },
      ],
      questions: [item("s1", "scenario"), item("s2", "scenario"), item("s3", "scenario"), item("k1", "knowledge"), item("k2", "knowledge")],
    },
  };
  const course: CatalogCourse = testCourse({
    slug: "pool-course",
    title: "Pool course",
    summary: "s",
    minutes: 5,
    passMark: 60,
    version: "v1",
    lessons: [lesson],
  });
  return { course, lesson };
}

const storedSet = async (personId: string, courseSlug: string, lessonSlug: string, attemptNumber: number) => {
  const row = await prisma.quizAttempt.findUniqueOrThrow({
    where: { personId_courseSlug_lessonSlug_attemptNumber: { personId, courseSlug, lessonSlug, attemptNumber } },
  });
  return { row, set: parseAttemptSet(row.items)! };
};

describe("an attempt drawn from a pool", () => {
  it("stores its own draw and order, grades only that, and the next attempt prefers unseen items", async () => {
    const person = await createTestPerson();
    const { course, lesson } = poolCourse();
    const ref = { personId: person.id, course, lesson };
    expect(await startAttempt({ ...ref, attemptNumber: 1 }, seededRandom(1))).toEqual({ kind: "started", attemptNumber: 1 });
    const first = await storedSet(person.id, course.slug, lesson.slug, 1);
    const ids = first.set.items.map((i) => i.id);
    expect(ids.filter((id) => id.startsWith("s"))).toHaveLength(2);
    expect(ids.filter((id) => id.startsWith("k"))).toHaveLength(1);
    expect(first.row.submittedAt).toBeNull();

    // A reload shows the same attempt: same items, same order.
    const view = (await lessonQuiz(person.id, course, lesson))!;
    expect(view.open?.items.map((i) => [i.id, i.options.map((o) => o.text)])).toEqual(first.set.items.map((i) => [i.id, i.options.map((o) => o.text)]));
    expect(JSON.stringify(view.open)).not.toMatch(/correct|feedback|Because/);

    const graded = await submitAttempt({ ...ref, attemptNumber: 1, form: answerForm(first.set, 1, "wrong") });
    expect(graded).toEqual({ kind: "graded", attemptNumber: 1, passed: false });
    const results = parseResults((await storedSet(person.id, course.slug, lesson.slug, 1)).row.results)!;
    expect(results.map((r) => r.id)).toEqual(ids);

    await startAttempt({ ...ref, attemptNumber: 2 }, seededRandom(2));
    const second = (await storedSet(person.id, course.slug, lesson.slug, 2)).set.items.map((i) => i.id);
    // Unseen first: the one scenario item and the one knowledge item not asked before are both in.
    expect(second).toEqual(expect.arrayContaining(["s1", "s2", "s3", "k1", "k2"].filter((id) => !ids.includes(id))));
  });

  it("shows stored results after the quiz file changed, without re-grading", async () => {
    const person = await createTestPerson();
    const { course, lesson } = poolCourse();
    const ref = { personId: person.id, course, lesson };
    await startAttempt({ ...ref, attemptNumber: 1 }, seededRandom(5));
    const { set } = await storedSet(person.id, course.slug, lesson.slug, 1);
    await submitAttempt({ ...ref, attemptNumber: 1, form: answerForm(set, 1, "right") });

    // The author rewrites every item and flips the keys.
    const changed: CatalogLesson = {
      ...lesson,
      quiz: {
        ...lesson.quiz!,
        questions: lesson.quiz!.questions.map(
          (q) =>
            ({
              ...q,
              prompt: "Rewritten",
              choices: (q as { choices: { text: string; correct?: boolean }[] }).choices.map((c) => ({ text: "new", correct: !c.correct })),
            }) as Question,
        ),
      },
    };
    const view = (await lessonQuiz(person.id, { ...course, lessons: [changed] }, changed))!;
    expect(view.lastResult).toMatchObject({ attemptNumber: 1, score: 100, passed: true });
    expect(view.lastResult!.items!.map((i) => i.prompt)).toEqual(set.items.map((i) => i.prompt));
    expect(view.lastResult!.items!.every((i) => i.correct)).toBe(true);
    // Passed: the keys are revealed, and the chosen option's own feedback is there.
    const first = view.lastResult!.items![0]!;
    expect(first.options.find((o) => o.chosen)).toMatchObject({ correct: true, feedback: `Good: ${first.id}` });
  });

  it("shows the feedback of the chosen option but no key until the quiz is passed", async () => {
    const person = await createTestPerson();
    const { course, lesson } = poolCourse();
    const ref = { personId: person.id, course, lesson };
    await startAttempt({ ...ref, attemptNumber: 1 }, seededRandom(9));
    const { set } = await storedSet(person.id, course.slug, lesson.slug, 1);
    await submitAttempt({ ...ref, attemptNumber: 1, form: answerForm(set, 1, "wrong") });
    const view = (await lessonQuiz(person.id, course, lesson))!;
    const reviewed = view.lastResult!.items!;
    expect(reviewed.every((i) => i.options.every((o) => o.correct === null))).toBe(true);
    for (const i of reviewed) {
      expect(i.options.filter((o) => o.feedback !== null).map((o) => o.feedback)).toEqual([`Not ${i.id}`]);
      expect(i.explanation).toBe(`Because ${i.id}`);
    }
    // Items not drawn never appear.
    const drawn = new Set(set.items.map((i) => i.id));
    expect(JSON.stringify(view)).not.toMatch(
      new RegExp(
        ["s1", "s2", "s3", "k1", "k2"]
          .filter((id) => !drawn.has(id))
          .map((id) => `Prompt ${id}`)
          .join("|") || "^$",
      ),
    );
  });

  it("refuses a start beyond the limit, out of order, or after a pass, and writes nothing", async () => {
    const person = await createTestPerson();
    const { course, lesson } = poolCourse();
    const ref = { personId: person.id, course, lesson };
    expect(await startAttempt({ ...ref, attemptNumber: 2 })).toMatchObject({ kind: "out-of-order" });
    await startAttempt({ ...ref, attemptNumber: 1 });
    // An open attempt must be submitted before the next one starts (attempts cannot be burnt or skipped).
    expect(await startAttempt({ ...ref, attemptNumber: 2 })).toMatchObject({ kind: "out-of-order", message: /Finish the attempt/ });
    for (let n = 1; n <= 3; n++) {
      await startAttempt({ ...ref, attemptNumber: n });
      const { set } = await storedSet(person.id, course.slug, lesson.slug, n);
      await submitAttempt({ ...ref, attemptNumber: n, form: answerForm(set, n, "wrong") });
    }
    expect(await startAttempt({ ...ref, attemptNumber: 4 })).toEqual({ kind: "limit-reached" });
    expect(await prisma.quizAttempt.count({ where: { personId: person.id } })).toBe(3);
    expect((await lessonQuiz(person.id, course, lesson))!).toMatchObject({ outOfAttempts: true, canStart: false, attemptsLeft: 0 });
  });
});

describe("quiz requests through the lesson route", () => {
  const COURSE = "internal-customer-service";
  let lesson: CatalogLesson;
  let learner: { id: string };
  let cookie: string;
  beforeAll(async () => {
    lesson = getCourse(COURSE)!.lessons.find((l) => l.quiz)!;
    learner = await createTestPerson();
    cookie = (await signedInCookie(learner.id)).cookie;
  });
  const path = () => `/learn/${COURSE}/${lesson.slug}`;
  const params = () => ({ courseSlug: COURSE, lessonSlug: lesson.slug });
  const post = (body: URLSearchParams) => {
    const r = makeRequest(path(), { cookie });
    return outcomeOf(
      lessonAction({
        request: new Request(r.url, {
          method: "POST",
          headers: { ...Object.fromEntries(r.headers), "Content-Type": "application/x-www-form-urlencoded" },
          body,
        }),
        params: params(),
        ...ctx,
      }),
    );
  };
  const bodyOf = (form: FormData) => new URLSearchParams([...form.entries()].map(([k, v]) => [k, String(v)]));

  it("starts once on a double click, refuses tampered answers with 400 and writes nothing, then grades", async () => {
    const start = new URLSearchParams({ intent: "start-quiz", attempt: "1" });
    expect((await post(start)).status).toBe(200);
    expect((await post(start)).status).toBe(200);
    expect(await prisma.quizAttempt.count({ where: { personId: learner.id } })).toBe(1);

    const page = await outcomeOf(lessonLoader({ request: makeRequest(path(), { cookie }), params: params(), ...ctx }));
    const html = JSON.stringify(page.data.quiz);
    expect(html).not.toMatch(/"correct"|"feedback"|"explanation"/);
    const { set } = await storedSet(learner.id, COURSE, lesson.slug, 1);
    const right = answerForm(set, 1, "right");

    const extra = bodyOf(right);
    extra.append("q.not-drawn", "0");
    const outOfRange = bodyOf(right);
    outOfRange.set(`q.${set.items[0]!.id}`, "9");
    const twice = bodyOf(right);
    twice.append(`q.${set.items[0]!.id}`, twice.get(`q.${set.items[0]!.id}`)!);
    for (const body of [extra, outOfRange, twice]) {
      const refused = await post(body);
      expect(refused.status).toBe(400);
      expect(having(refused.data, "message").message).toMatch(/not part of this attempt|not one of its options|sent twice|takes one answer/);
    }
    const missing = bodyOf(right);
    missing.delete(`q.${set.items[1]!.id}`);
    expect(having((await post(missing)).data, "message").message).toMatch(/answer every question before submitting \(missing: 2\)/);
    expect((await prisma.quizAttempt.findFirstOrThrow({ where: { personId: learner.id } })).submittedAt).toBeNull();

    const wrongNumber = bodyOf(right);
    wrongNumber.set("attempt", "2");
    expect((await post(wrongNumber)).status).toBe(409);

    expect((await post(bodyOf(right))).status).toBe(200);
    expect((await post(bodyOf(right))).status).toBe(200); // a double submit: the same attempt
    const rows = await prisma.quizAttempt.findMany({ where: { personId: learner.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ score: 100, passed: true });
    expect(await prisma.lessonProgress.findFirst({ where: { personId: learner.id, lessonSlug: lesson.slug } })).toMatchObject({ status: "COMPLETED" });
    expect((await post(new URLSearchParams({ intent: "start-quiz", attempt: "2" }))).status).toBe(409);
  });
});
