import { beforeAll, describe, expect, it } from "vitest";
import { getCourse } from "~/.server/content/catalog";
import type { Question } from "~/.server/content/schema";
import { prisma } from "~/.server/db";
import { action as lessonAction, loader as lessonLoader } from "~/routes/_app.learn.$courseSlug.$lessonSlug";
import { loader as courseLoader } from "~/routes/_app.learn.$courseSlug._index";
import { loader as learnLoader } from "~/routes/_app.learn._index";
import { createTestPerson, makeRequest, outcomeOf, signedInCookie } from "../factories";

const COURSE = "internal-customer-service";
const course = () => {
  const c = getCourse(COURSE);
  if (!c) throw new Error("course missing from content/");
  return c;
};
const viewLesson = () => course().lessons.find((l) => l.completion === "view")!;
const quizLesson = () => course().lessons.find((l) => l.completion === "quiz")!;

/** Form fields answering every question right (or every one wrong). */
function answersFor(questions: Question[], right: boolean): Record<string, string> {
  const form: Record<string, string> = {};
  for (const q of questions) {
    if (q.type === "truefalse") form[`q.${q.id}`] = String(right ? q.answer : !q.answer);
    else {
      const index = q.choices.findIndex((c) => (right ? c.correct : !c.correct));
      form[`q.${q.id}`] = String(index);
    }
  }
  return form;
}

// Multiple-choice questions may need several boxes: build the body by hand.
function quizRequest(path: string, cookie: string, attempt: number, right: boolean) {
  const body = new URLSearchParams({ intent: "submit-quiz", attempt: String(attempt) });
  for (const q of quizLesson().quiz!.questions) {
    if (q.type === "multiple") {
      q.choices.forEach((c, i) => {
        if (right ? c.correct : !c.correct) body.append(`q.${q.id}`, String(i));
      });
    } else {
      const [[k, v]] = Object.entries(answersFor([q], right)) as [[string, string]];
      body.append(k, v);
    }
  }
  const request = makeRequest(path, { cookie });
  return new Request(request.url, { method: "POST", headers: { ...Object.fromEntries(request.headers), "Content-Type": "application/x-www-form-urlencoded" }, body });
}

let learner: { id: string };
let cookie: string;
beforeAll(async () => {
  learner = await createTestPerson({ role: "LEARNER" });
  cookie = (await signedInCookie(learner.id)).cookie;
});

const params = (lessonSlug: string) => ({ courseSlug: COURSE, lessonSlug });
const lessonPath = (slug: string) => `/learn/${COURSE}/${slug}`;

describe("a new hire taking a course", () => {
  it("starts with every course not started and resumes at the first lesson", async () => {
    const out = await outcomeOf(learnLoader({ request: makeRequest("/learn", { cookie }), params: {}, context: {} }));
    const card = out.data.courses.find((c: { slug: string }) => c.slug === COURSE);
    expect(card).toMatchObject({ state: "not_started", completedCount: 0, nextLesson: course().lessons[0]!.slug });
  });

  it("completes a view lesson with 'mark as done' and records the course version", async () => {
    const slug = viewLesson().slug;
    const out = await outcomeOf(lessonAction({ request: makeRequest(lessonPath(slug), { cookie, form: { intent: "complete" } }), params: params(slug), context: {} }));
    expect(out.data).toMatchObject({ ok: true, kind: "completed" });
    const row = await prisma.lessonProgress.findFirstOrThrow({ where: { personId: learner.id, lessonSlug: slug } });
    expect(row).toMatchObject({ status: "COMPLETED", courseVersion: course().version });
    const page = await outcomeOf(courseLoader({ request: makeRequest(`/learn/${COURSE}`, { cookie }), params: { courseSlug: COURSE }, context: {} }));
    expect(page.data.progress).toMatchObject({ state: "in_progress", completedCount: 1 });
  });

  it("refuses to complete a quiz lesson without the quiz", async () => {
    const slug = quizLesson().slug;
    const out = await outcomeOf(lessonAction({ request: makeRequest(lessonPath(slug), { cookie, form: { intent: "complete" } }), params: params(slug), context: {} }));
    expect(out.status).toBe(400);
    expect(await prisma.lessonProgress.count({ where: { personId: learner.id, lessonSlug: slug } })).toBe(0);
  });

  it("sends quiz questions without keys or explanations before an attempt", async () => {
    const slug = quizLesson().slug;
    const out = await outcomeOf(lessonLoader({ request: makeRequest(lessonPath(slug), { cookie }), params: params(slug), context: {} }));
    const json = JSON.stringify(out.data);
    expect(out.data.quiz.questions.length).toBe(quizLesson().quiz!.questions.length);
    expect(json).not.toMatch(/"correct"|"answer"/);
    for (const q of quizLesson().quiz!.questions) expect(json).not.toContain(q.explanation);
  });

  it("asks for every answer before recording anything", async () => {
    const slug = quizLesson().slug;
    const out = await outcomeOf(lessonAction({ request: makeRequest(lessonPath(slug), { cookie, form: { intent: "submit-quiz", attempt: "1" } }), params: params(slug), context: {} }));
    expect(out.status).toBe(400);
    expect(out.data.message).toMatch(/answer every question/);
    expect(await prisma.quizAttempt.count({ where: { personId: learner.id } })).toBe(0);
  });

  it("grades a failed attempt on the server, then a pass completes the lesson", async () => {
    const slug = quizLesson().slug;
    const failed = await outcomeOf(lessonAction({ request: quizRequest(lessonPath(slug), cookie, 1, false), params: params(slug), context: {} }));
    expect(failed.data).toMatchObject({ ok: true, kind: "graded" });
    let page = await outcomeOf(lessonLoader({ request: makeRequest(lessonPath(slug), { cookie }), params: params(slug), context: {} }));
    expect(page.data.quiz.lastResult).toMatchObject({ attemptNumber: 1, score: 0, passed: false });
    expect(page.data.status).toBe("in_progress");
    // Attempts remain and it was not passed: the right answers stay hidden, explanations are shown.
    expect(page.data.quiz.lastResult.questions.every((q: { expected: unknown }) => q.expected === null)).toBe(true);
    expect(page.data.quiz.lastResult.questions[0].explanation).toBe(quizLesson().quiz!.questions[0]!.explanation);

    const passed = await outcomeOf(lessonAction({ request: quizRequest(lessonPath(slug), cookie, 2, true), params: params(slug), context: {} }));
    expect(passed.data).toMatchObject({ ok: true, kind: "graded" });
    page = await outcomeOf(lessonLoader({ request: makeRequest(lessonPath(slug), { cookie }), params: params(slug), context: {} }));
    expect(page.data.status).toBe("completed");
    expect(page.data.quiz).toMatchObject({ passed: true, bestScore: 100, attemptsLeft: course().attemptLimit - 2 });
  });

  it("records one attempt for a double submission of the same form", async () => {
    const other = await createTestPerson();
    const otherCookie = (await signedInCookie(other.id)).cookie;
    const slug = quizLesson().slug;
    const submit = () => lessonAction({ request: quizRequest(lessonPath(slug), otherCookie, 1, false), params: params(slug), context: {} });
    const results = await Promise.all([submit(), submit(), submit()]);
    expect(results).toHaveLength(3);
    expect(await prisma.quizAttempt.count({ where: { personId: other.id, lessonSlug: slug } })).toBe(1);
  });

  it("stops at the attempt limit and keeps a completion once earned", async () => {
    const other = await createTestPerson();
    const otherCookie = (await signedInCookie(other.id)).cookie;
    const slug = quizLesson().slug;
    const limit = course().attemptLimit;
    for (let n = 1; n <= limit; n++) {
      await lessonAction({ request: quizRequest(lessonPath(slug), otherCookie, n, false), params: params(slug), context: {} });
    }
    const extra = await outcomeOf(lessonAction({ request: quizRequest(lessonPath(slug), otherCookie, limit + 1, true), params: params(slug), context: {} }));
    expect(extra.status).toBe(409);
    expect(extra.data.message).toMatch(/every attempt/);
    expect(await prisma.quizAttempt.count({ where: { personId: other.id } })).toBe(limit);
    const page = await outcomeOf(lessonLoader({ request: makeRequest(lessonPath(slug), { cookie: otherCookie }), params: params(slug), context: {} }));
    // No attempts left: now the right answers may be shown.
    expect(page.data.quiz.lastResult.questions.some((q: { expected: unknown }) => q.expected !== null)).toBe(true);
  });

  it("needs the box ticked to acknowledge a lesson", async () => {
    const c = getCourse("what-is-a-service-culture")!;
    const ack = c.lessons.find((l) => l.completion === "acknowledge")!;
    const path = `/learn/${c.slug}/${ack.slug}`;
    const p = { courseSlug: c.slug, lessonSlug: ack.slug };
    const refused = await outcomeOf(lessonAction({ request: makeRequest(path, { cookie, form: { intent: "acknowledge" } }), params: p, context: {} }));
    expect(refused.status).toBe(400);
    const ok = await outcomeOf(lessonAction({ request: makeRequest(path, { cookie, form: { intent: "acknowledge", confirm: "yes" } }), params: p, context: {} }));
    expect(ok.data).toMatchObject({ ok: true, kind: "completed" });
  });

  it("keeps a private reflection note", async () => {
    const slug = viewLesson().slug;
    const form = { intent: "reflection", reflectionId: "my-note", text: "I will write better hand-off notes." };
    await lessonAction({ request: makeRequest(lessonPath(slug), { cookie, form }), params: params(slug), context: {} });
    const page = await outcomeOf(lessonLoader({ request: makeRequest(lessonPath(slug), { cookie }), params: params(slug), context: {} }));
    expect(page.data.reflections["my-note"].text).toBe("I will write better hand-off notes.");
    const other = await createTestPerson();
    const otherPage = await outcomeOf(lessonLoader({ request: makeRequest(lessonPath(slug), { cookie: (await signedInCookie(other.id)).cookie }), params: params(slug), context: {} }));
    expect(otherPage.data.reflections["my-note"]).toBeUndefined();
  });

  it("does not offer the managers' course to a new hire (404), but does to a manager", async () => {
    const managerCourse = "leading-a-service-culture";
    const out = await outcomeOf(courseLoader({ request: makeRequest(`/learn/${managerCourse}`, { cookie }), params: { courseSlug: managerCourse }, context: {} }));
    expect(out.status).toBe(404);
    const manager = await createTestPerson({ role: "MANAGER" });
    const mgr = await outcomeOf(courseLoader({ request: makeRequest(`/learn/${managerCourse}`, { cookie: (await signedInCookie(manager.id)).cookie }), params: { courseSlug: managerCourse }, context: {} }));
    expect(mgr.status).toBe(200);
  });

  it("answers 404 for a lesson that does not exist", async () => {
    const out = await outcomeOf(lessonLoader({ request: makeRequest(lessonPath("nope"), { cookie }), params: params("nope"), context: {} }));
    expect(out.status).toBe(404);
  });
});
