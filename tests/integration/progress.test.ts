import { beforeEach, describe, expect, it } from "vitest";
import { getCourse } from "~/.server/content/catalog";
import { prisma } from "~/.server/db";
import { answerForm } from "~/.server/quiz/answering";
import { itemsPerAttempt } from "~/.server/quiz/pass-mark";
import { action as lessonAction, loader as lessonLoader } from "~/routes/_app.learn.$courseSlug.$lessonSlug";
import { loader as courseLoader } from "~/routes/_app.learn.$courseSlug._index";
import { loader as learnLoader } from "~/routes/_app.learn._index";
import { createTestPerson, having, makeRequest, outcomeOf, signedInCookie } from "../factories";
import { storedSet } from "./helpers/quiz";

const COURSE = "internal-customer-service";
const course = () => {
  const c = getCourse(COURSE);
  if (!c) throw new Error("course missing from content/");
  return c;
};
const viewLesson = () => course().lessons.find((l) => l.completion === "view")!;
const quizLesson = () => course().lessons.find((l) => l.completion === "quiz")!;
const params = (lessonSlug: string) => ({ courseSlug: COURSE, lessonSlug });
const lessonPath = (slug: string) => `/learn/${COURSE}/${slug}`;

/** A POST from the lesson page, repeated fields kept (multiple-response answers send several). */
function post(path: string, cookie: string, body: URLSearchParams) {
  const request = makeRequest(path, { cookie });
  return new Request(request.url, {
    method: "POST",
    headers: { ...Object.fromEntries(request.headers), "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
}

const quizAction = (cookie: string, body: Record<string, string> | URLSearchParams) => {
  const slug = quizLesson().slug;
  return outcomeOf(lessonAction({ request: post(lessonPath(slug), cookie, new URLSearchParams(body)), params: params(slug), context: {} }));
};
const quizPage = async (cookie: string) => {
  const slug = quizLesson().slug;
  return outcomeOf(lessonLoader({ request: makeRequest(lessonPath(slug), { cookie }), params: params(slug), context: {} }));
};
const startQuiz = (cookie: string, attempt: number) => quizAction(cookie, { intent: "start-quiz", attempt: String(attempt) });

/** The form the page would send for attempt N as stored: every item answered right or wrong, by shown position. */
async function answers(personId: string, attempt: number, pick: "right" | "wrong") {
  const form = answerForm(await storedSet({ personId, course: course(), lesson: quizLesson() }, attempt), attempt, pick);
  return new URLSearchParams([...form.entries()].map(([k, v]) => [k, String(v)]));
}

/** Start attempt N on the page, then submit it answered right or wrong. */
async function takeQuizOnPage(person: { id: string }, cookie: string, attempt: number, pick: "right" | "wrong") {
  expect((await startQuiz(cookie, attempt)).data).toMatchObject({ ok: true, kind: "started" });
  return quizAction(cookie, await answers(person.id, attempt, pick));
}

// A new learner for every test: each test sets up what it needs, so any one runs alone or in any order.
let learner: { id: string };
let cookie: string;
beforeEach(async () => {
  learner = await createTestPerson({ role: "LEARNER" });
  cookie = (await signedInCookie(learner.id)).cookie;
});

describe("a new hire taking a course", () => {
  it("starts with every course not started and resumes at the first lesson", async () => {
    const out = await outcomeOf(learnLoader({ request: makeRequest("/learn", { cookie }), params: {}, context: {} }));
    const card = out.data.courses.find((c: { slug: string }) => c.slug === COURSE);
    expect(card).toMatchObject({ state: "not_started", completedCount: 0, nextLesson: course().lessons[0]!.slug });
  });

  it("completes a view lesson with 'mark as done' and records the course version", async () => {
    const slug = viewLesson().slug;
    const out = await outcomeOf(
      lessonAction({ request: makeRequest(lessonPath(slug), { cookie, form: { intent: "complete" } }), params: params(slug), context: {} }),
    );
    expect(out.data).toMatchObject({ ok: true, kind: "completed" });
    const row = await prisma.lessonProgress.findFirstOrThrow({ where: { personId: learner.id, lessonSlug: slug } });
    expect(row).toMatchObject({ status: "COMPLETED", courseVersion: course().version });
    const page = await outcomeOf(courseLoader({ request: makeRequest(`/learn/${COURSE}`, { cookie }), params: { courseSlug: COURSE }, context: {} }));
    expect(page.data.progress).toMatchObject({ state: "in_progress", completedCount: 1 });
  });

  it("refuses to complete a quiz lesson without the quiz", async () => {
    const slug = quizLesson().slug;
    const out = await outcomeOf(
      lessonAction({ request: makeRequest(lessonPath(slug), { cookie, form: { intent: "complete" } }), params: params(slug), context: {} }),
    );
    expect(out.status).toBe(400);
    expect(await prisma.lessonProgress.count({ where: { personId: learner.id, lessonSlug: slug } })).toBe(0);
  });

  it("draws the items when an attempt starts and sends them without keys, feedback or explanations, in the stored order", async () => {
    const before = await quizPage(cookie);
    expect(before.data.quiz).toMatchObject({ open: null, canStart: true, nextAttemptNumber: 1, lastResult: null });

    expect((await startQuiz(cookie, 1)).data).toMatchObject({ ok: true, kind: "started" });
    const page = await quizPage(cookie);
    const open = page.data.quiz?.open;
    if (!open) throw new Error("the page shows no open attempt");
    expect(open.attemptNumber).toBe(1);
    expect(open.items).toHaveLength(itemsPerAttempt(quizLesson().quiz!));
    expect(page.data.quiz?.canStart).toBe(false);
    // What is shown is what was stored, option for option, and a reload shows the same.
    const set = await storedSet({ personId: learner.id, course: course(), lesson: quizLesson() }, 1);
    expect(open.items.map((i) => [i.id, i.options.map((o) => o.text)])).toEqual(set.items.map((i) => [i.id, i.options.map((o) => o.text)]));
    expect((await quizPage(cookie)).data.quiz?.open).toEqual(open);
    const json = JSON.stringify(page.data.quiz);
    expect(json).not.toMatch(/"correct"|"answer"|"feedback"|"source"|"explanation"/);
    for (const q of quizLesson().quiz!.questions) expect(json).not.toContain(q.explanation);
  });

  it("asks for every answer before recording anything, and refuses an attempt that was never started", async () => {
    expect((await startQuiz(cookie, 1)).data).toMatchObject({ ok: true, kind: "started" });
    const out = await quizAction(cookie, { intent: "submit-quiz", attempt: "1" });
    expect(out.status).toBe(400);
    expect(having(out.data, "message").message).toMatch(/answer every question/);
    const rows = await prisma.quizAttempt.findMany({ where: { personId: learner.id } });
    expect(rows.map((r) => [r.attemptNumber, r.submittedAt, r.answers, r.results])).toEqual([[1, null, null, null]]);

    const skipped = await quizAction(cookie, { intent: "submit-quiz", attempt: "2" });
    expect(skipped.status).toBe(409);
    expect(await prisma.quizAttempt.count({ where: { personId: learner.id } })).toBe(1);
  });

  it("grades a failed attempt on the server against the stored set, then a pass completes the lesson", async () => {
    expect((await startQuiz(cookie, 1)).data).toMatchObject({ ok: true, kind: "started" });
    const failed = await quizAction(cookie, await answers(learner.id, 1, "wrong"));
    expect(failed.data).toMatchObject({ ok: true, kind: "graded" });
    let page = await quizPage(cookie);
    expect(page.data.quiz?.lastResult).toMatchObject({ attemptNumber: 1, score: 0, passed: false });
    expect(page.data.quiz).toMatchObject({ open: null, canStart: true, nextAttemptNumber: 2 });
    expect(page.data.status).toBe("in_progress");
    // Not passed: the keys stay hidden; what was chosen, its feedback and the explanation are shown.
    const set = await storedSet({ personId: learner.id, course: course(), lesson: quizLesson() }, 1);
    const reviewed = page.data.quiz?.lastResult?.items ?? [];
    expect(reviewed.map((i) => i.id)).toEqual(set.items.map((i) => i.id));
    expect(reviewed.every((i) => !i.correct && i.options.every((o) => o.correct === null))).toBe(true);
    expect(reviewed.every((i) => i.options.some((o) => o.chosen))).toBe(true);
    expect(reviewed[0]!.explanation).toBe(set.items[0]!.explanation);

    const passed = await takeQuizOnPage(learner, cookie, 2, "right");
    expect(passed.data).toMatchObject({ ok: true, kind: "graded" });
    page = await quizPage(cookie);
    expect(page.data.status).toBe("completed");
    expect(page.data.quiz).toMatchObject({ passed: true, bestScore: 100, attemptsLeft: course().attemptLimit - 2, canStart: false });
    // Passed: now the keys may be shown.
    expect(page.data.quiz?.lastResult?.items?.every((i) => i.options.some((o) => o.correct === true))).toBe(true);
    const again = await startQuiz(cookie, 3);
    expect(again.status).toBe(409);
  });

  it("records one attempt for a double start and a double submission of the same form", async () => {
    const other = await createTestPerson();
    const otherCookie = (await signedInCookie(other.id)).cookie;
    const starts = await Promise.all([startQuiz(otherCookie, 1), startQuiz(otherCookie, 1)]);
    expect(starts.map((s) => s.data)).toEqual([
      { ok: true, kind: "started" },
      { ok: true, kind: "started" },
    ]);
    const body = await answers(other.id, 1, "wrong");
    const results = await Promise.all([quizAction(otherCookie, body), quizAction(otherCookie, body), quizAction(otherCookie, body)]);
    expect(results.map((r) => r.data)).toEqual(Array(3).fill({ ok: true, kind: "graded" }));
    const rows = await prisma.quizAttempt.findMany({ where: { personId: other.id, lessonSlug: quizLesson().slug } });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.submittedAt).not.toBeNull();
  });

  it("stops at the attempt limit, keeps the keys hidden, and says so", async () => {
    const other = await createTestPerson();
    const otherCookie = (await signedInCookie(other.id)).cookie;
    const limit = course().attemptLimit;
    for (let n = 1; n <= limit; n++) {
      expect((await takeQuizOnPage(other, otherCookie, n, "wrong")).data).toMatchObject({ ok: true, kind: "graded" });
    }
    const extra = await startQuiz(otherCookie, limit + 1);
    expect(extra.status).toBe(409);
    expect(having(extra.data, "message").message).toMatch(/every attempt/);
    expect(await prisma.quizAttempt.count({ where: { personId: other.id } })).toBe(limit);
    const page = await quizPage(otherCookie);
    expect(page.data.quiz).toMatchObject({ attemptsLeft: 0, canStart: false, outOfAttempts: true, open: null });
    // Out of attempts but not passed: the keys are still not shown (another attempt may be granted).
    expect(page.data.quiz?.lastResult?.items?.every((i) => i.options.every((o) => o.correct === null))).toBe(true);
  });

  it("completes a lesson only by its own rule: no box ticked, or the wrong rule, changes nothing", async () => {
    // The library has no `acknowledge` lesson any more (every lesson has a check), so a view lesson stands in.
    const slug = viewLesson().slug;
    const act = (form: Record<string, string>) =>
      outcomeOf(lessonAction({ request: makeRequest(lessonPath(slug), { cookie, form }), params: params(slug), context: {} }));
    const before = await prisma.lessonProgress.findMany({ where: { personId: learner.id, lessonSlug: slug } });
    const unticked = await act({ intent: "acknowledge" });
    expect(unticked.status).toBe(400);
    expect(having(unticked.data, "message").message).toBe("Tick the box to confirm.");
    const wrongRule = await act({ intent: "acknowledge", confirm: "yes" });
    expect(wrongRule.status).toBe(400);
    expect(having(wrongRule.data, "message").message).toBe("This lesson is completed another way.");
    const quizByHand = await outcomeOf(
      lessonAction({
        request: makeRequest(lessonPath(quizLesson().slug), { cookie, form: { intent: "complete" } }),
        params: params(quizLesson().slug),
        context: {},
      }),
    );
    expect(having(quizByHand.data, "message").message).toBe("This lesson is completed another way.");
    expect(await prisma.lessonProgress.findMany({ where: { personId: learner.id, lessonSlug: slug } })).toEqual(before);
  });

  it("keeps a private reflection note", async () => {
    const slug = viewLesson().slug;
    const form = { intent: "reflection", reflectionId: "one-internal-customer", text: "I will write better hand-off notes." };
    await lessonAction({ request: makeRequest(lessonPath(slug), { cookie, form }), params: params(slug), context: {} });
    const page = await outcomeOf(lessonLoader({ request: makeRequest(lessonPath(slug), { cookie }), params: params(slug), context: {} }));
    expect(page.data.reflections["one-internal-customer"]?.text).toBe("I will write better hand-off notes.");
    const other = await createTestPerson();
    const otherPage = await outcomeOf(
      lessonLoader({ request: makeRequest(lessonPath(slug), { cookie: (await signedInCookie(other.id)).cookie }), params: params(slug), context: {} }),
    );
    expect(otherPage.data.reflections["one-internal-customer"]).toBeUndefined();
  });

  it("does not offer the managers' course to a new hire (404), but does to a manager", async () => {
    const managerCourse = "leading-a-service-culture";
    const out = await outcomeOf(
      courseLoader({ request: makeRequest(`/learn/${managerCourse}`, { cookie }), params: { courseSlug: managerCourse }, context: {} }),
    );
    expect(out.status).toBe(404);
    const manager = await createTestPerson({ role: "MANAGER" });
    const mgr = await outcomeOf(
      courseLoader({
        request: makeRequest(`/learn/${managerCourse}`, { cookie: (await signedInCookie(manager.id)).cookie }),
        params: { courseSlug: managerCourse },
        context: {},
      }),
    );
    expect(mgr.status).toBe(200);
  });

  it("answers 404 for a lesson that does not exist", async () => {
    const out = await outcomeOf(lessonLoader({ request: makeRequest(lessonPath("nope"), { cookie }), params: params("nope"), context: {} }));
    expect(out.status).toBe(404);
  });
});
