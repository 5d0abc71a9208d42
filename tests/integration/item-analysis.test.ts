import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { getCatalog, getCourse } from "~/.server/content/catalog";
import type { Question } from "~/.server/content/schema";
import { prisma } from "~/.server/db";
import { optionsOf } from "~/.server/quiz/draw";
import type { AttemptItem, ItemResult } from "~/.server/quiz/snapshot";
import { loader as pageLoader } from "~/routes/_app.hr.courses.$courseSlug";
import { loader as indexLoader } from "~/routes/_app.hr.courses._index";
import { loader as csvLoader } from "~/routes/hr.courses.$courseSlug.analysis[.]csv";
import { createTestPerson, makeRequest, outcomeOf, signedInCookie } from "../factories";

const SLUG = "internal-customer-service";
const course = getCourse(SLUG)!;
const quizLessons = course.lessons.filter((l) => l.quiz);
const lesson = quizLessons[0]!;
const [q1, q2] = lesson.quiz!.questions as [Question, Question];

/** An item as an attempt stored it, options in reverse (shown order must not matter). */
function stored(q: Question): AttemptItem {
  return { id: q.id, type: q.type, prompt: q.prompt, explanation: q.explanation, options: optionsOf(q).reverse() };
}
const retired: AttemptItem = {
  id: "retired-item",
  type: "single",
  prompt: "A question since removed",
  explanation: "x",
  options: [
    { source: 0, text: "Kept answer", correct: true },
    { source: 1, text: "Removed distractor", correct: false },
  ],
};
const rightSource = (q: Question) => optionsOf(q).find((o) => o.correct)!.source;
const answer = (q: Question, right: boolean): ItemResult => {
  const source = right ? rightSource(q) : rightSource(q) === 0 ? 1 : 0;
  return { id: q.id, chosen: [source], correct: right, credit: right ? 1 : 0 };
};

let minute = 0;
/** A submitted attempt with its stored set and results; `results: null` stands for an attempt from before results were kept. */
async function attempt(personId: string, attemptNumber: number, results: ItemResult[] | null, opts: { items?: AttemptItem[]; submitted?: boolean } = {}) {
  minute += 1;
  const items = opts.items ?? [stored(q1), stored(q2)];
  const credit = results ? results.reduce((s, r) => s + r.credit, 0) / results.length : 0;
  const score = Math.round(credit * 100);
  const submitted = opts.submitted ?? true;
  await prisma.quizAttempt.create({
    data: {
      personId,
      courseSlug: SLUG,
      lessonSlug: lesson.slug,
      courseVersion: course.version,
      attemptNumber,
      startedAt: new Date(Date.UTC(2026, 10, 20, 9, minute)),
      submittedAt: submitted ? new Date(Date.UTC(2026, 10, 20, 10, minute)) : null,
      items: JSON.stringify({ passMark: lesson.quiz!.passMark, scoring: "all-or-nothing", items }),
      answers: submitted ? JSON.stringify(Object.fromEntries((results ?? []).map((r) => [r.id, r.chosen]))) : null,
      results: submitted && results ? JSON.stringify(results) : null,
      score,
      passed: submitted && score >= lesson.quiz!.passMark,
    },
  });
}

let hrCookie: string;
const ctx = { context: {} };
const page = (cookie: string, slug = SLUG, query = "") =>
  outcomeOf(pageLoader({ request: makeRequest(`/hr/courses/${slug}${query}`, { cookie }), params: { courseSlug: slug }, ...ctx }));
/** The item analysis on the course page, which HR must see (the page leaves it out, null, for a viewer who may not). */
async function analysis(cookie: string, query = "") {
  const { status, data } = await page(cookie, SLUG, query);
  if (!data.quizzes) throw new Error("the course page shows no item analysis");
  return { status, data, quizzes: data.quizzes };
}
const csv = (cookie: string, query = "") =>
  outcomeOf(csvLoader({ request: makeRequest(`/hr/courses/${SLUG}/analysis.csv${query}`, { cookie }), params: { courseSlug: SLUG }, ...ctx }));

/*
 * Counted (submitted, with results): a1 q1 ✓ q2 ✓ (100) · a2 q1 ✓ q2 ✗ (50) · b1 q1 ✗ q2 ✗ (0) · b2 q1 ✓ q2 ✓ (100)
 * · e1 q1 ✓ retired ✗ (50). Ignored: c1 in progress, d1 without results.
 */
beforeAll(async () => {
  hrCookie = (await signedInCookie((await createTestPerson({ role: "HR" })).id)).cookie;
  const [a, b, c, d, e] = await Promise.all([1, 2, 3, 4, 5].map(() => createTestPerson()));
  await attempt(a!.id, 1, [answer(q1, true), answer(q2, true)]);
  await attempt(a!.id, 2, [answer(q1, true), answer(q2, false)]);
  await attempt(b!.id, 1, [answer(q1, false), answer(q2, false)]);
  await attempt(b!.id, 2, [answer(q1, true), answer(q2, true)]);
  await attempt(c!.id, 1, null, { submitted: false });
  await attempt(d!.id, 1, null);
  await attempt(e!.id, 1, [answer(q1, true), { id: retired.id, chosen: [1], correct: false, credit: 0 }], { items: [stored(q1), retired] });
});

describe("the item analysis page", () => {
  it("summarises every quiz lesson in lesson order, counting only submitted attempts with results", async () => {
    const { status, quizzes } = await analysis(hrCookie);
    expect(status).toBe(200);
    expect(quizzes.map((q) => q.lessonSlug)).toEqual(quizLessons.map((l) => l.slug));
    expect(quizzes[0]).toMatchObject({ attempts: 5, people: 3, meanScore: 60, passRate: 0.4 });
    expect(quizzes[1]).toMatchObject({ attempts: 0, people: 0, meanScore: null });
  });

  it("gives each item's figures and option counts, and keeps a retired item", async () => {
    const { quizzes } = await analysis(hrCookie);
    const items = quizzes[0]?.items ?? [];
    const byId = (id: string) => items.find((i) => i.id === id);
    expect(byId(q1.id)).toMatchObject({ inQuiz: true, n: 5, facility: 0.8 });
    // q2 against the rest (q1): x (1 0 0 1), y (1 1 0 1) → Sxy .5, Sxx 1, Syy .75, r = .577
    expect(byId(q2.id)).toMatchObject({ n: 4, facility: 0.5 });
    expect(byId(q2.id)?.discrimination).toBeCloseTo(0.57735, 4);
    const correct = byId(q1.id)?.options.find((o) => o.correct);
    expect(correct).toMatchObject({ source: rightSource(q1), count: 4, share: 0.8 });
    expect(items.at(-1)).toMatchObject({ id: retired.id, inQuiz: false, prompt: retired.prompt, n: 1, facility: 0 });
    expect(byId(q1.id)?.flags.map((f) => f.message)).toEqual(["Too few answers to judge yet"]);
  });

  it("counts first attempts only with ?attempts=first", async () => {
    const { data, quizzes } = await analysis(hrCookie, "?attempts=first");
    expect(data.filter).toBe("first");
    expect(quizzes[0]).toMatchObject({ attempts: 3, people: 3 });
    const q1Stats = quizzes[0]?.items.find((i) => i.id === q1.id);
    expect(q1Stats?.n).toBe(3);
    expect(q1Stats?.facility).toBeCloseTo(2 / 3, 10);
  });

  it("answers 404 for an unknown course", async () => {
    expect((await page(hrCookie, "no-such-course")).status).toBe(404);
  });

  it("lists every course with its quizzes and analysable attempts", async () => {
    const { data } = await outcomeOf(indexLoader({ request: makeRequest("/hr/courses", { cookie: hrCookie }), params: {}, ...ctx }));
    expect(data.courses).toHaveLength(getCatalog().courses.length);
    expect(data.courses.find((c: { slug: string }) => c.slug === SLUG)).toMatchObject({ quizzes: quizLessons.length, attempts: 5 });
  });
});

describe("the item analysis CSV", () => {
  type Row = Record<string, string>;
  const rowsOf = (text: string) => Papa.parse<Row>(text.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true }).data;

  it("has a row per quiz × item × option, with the same figures as the page", async () => {
    const { status, headers, body } = await csv(hrCookie);
    expect(status).toBe(200);
    expect(headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(body).toContain("\r\n");
    const rows = rowsOf(body);
    const optionCount = quizLessons.reduce((sum, l) => sum + l.quiz!.questions.reduce((s, q) => s + optionsOf(q).length, 0), 0);
    expect(rows).toHaveLength(optionCount + retired.options.length);
    const right = rows.find((r) => r["Item id"] === q1.id && r["Correct option"] === "yes")!;
    expect(right).toMatchObject({ "Attempts counted": "All attempts", "Times asked": "5", "Facility %": "80.0", "Times chosen": "4", "Chosen %": "80.0" });
    expect(rows.find((r) => r["Item id"] === q2.id)).toMatchObject({ Discrimination: "0.58" });
    expect(rows.filter((r) => r["Item id"] === retired.id).map((r) => [r["In quiz"], r["Option text"], r["Times chosen"]])).toEqual([
      ["no longer in the quiz", "Kept answer", "0"],
      ["no longer in the quiz", "Removed distractor", "1"],
    ]);
  });

  it("applies the first-attempts filter and says so", async () => {
    const { headers, body } = await csv(hrCookie, "?attempts=first");
    expect(headers.get("Content-Disposition")).toMatch(/filename="baton-item-analysis-internal-customer-service-first-attempts-\d{4}-\d{2}-\d{2}\.csv"/);
    const right = rowsOf(body).find((r) => r["Item id"] === q1.id && r["Correct option"] === "yes")!;
    expect(right).toMatchObject({ "Attempts counted": "First attempts only", "Times asked": "3", "Times chosen": "2" });
  });
});

describe("only HR may see item analysis", () => {
  it("a LEARNER gets 403 from the page, the list and the CSV", async () => {
    const { cookie } = await signedInCookie((await createTestPerson({ role: "LEARNER" })).id);
    expect((await page(cookie)).status).toBe(403);
    expect((await csv(cookie)).status).toBe(403);
    expect((await outcomeOf(indexLoader({ request: makeRequest("/hr/courses", { cookie }), params: {}, ...ctx }))).status).toBe(403);
  });

  it("a MANAGER reads the course library but not its item analysis: none on the page, 403 from the CSV", async () => {
    const { cookie } = await signedInCookie((await createTestPerson({ role: "MANAGER" })).id);
    const seen = await page(cookie);
    expect(seen.status).toBe(200);
    expect(seen.data.quizzes).toBeNull();
    expect((await csv(cookie)).status).toBe(403);
    expect((await outcomeOf(indexLoader({ request: makeRequest("/hr/courses", { cookie }), params: {}, ...ctx }))).status).toBe(200);
  });
});
