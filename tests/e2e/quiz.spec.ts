import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { parse } from "yaml";
import { expect, expectNoSeriousA11yViolations, signIn, signOut, test } from "./utils";

type Choice = { text: string; correct?: boolean; feedback?: string };
type Item = {
  id: string;
  type: string;
  prompt: string;
  situation?: string;
  explanation: string;
  answer?: boolean;
  choices?: Choice[];
  feedbackTrue?: string;
  feedbackFalse?: string;
};
// The test knows the keys because it reads the source files; the browser never gets them.
const quizFile = (course: string, file: string): { questions: Item[] } => parse(readFileSync(`content/courses/${course}/${file}.quiz.yml`, "utf8"));

const ICS = "internal-customer-service";
const RELAY = quizFile(ICS, "02-the-relay-hand-off");
const POOL = quizFile(ICS, "05-fixing-broken-hand-offs");
const COVER = quizFile(ICS, "03-covering-for-each-other");

/** The options to tick for an item, by their text (the order on screen is the attempt's own). */
function picks(item: Item, right: boolean): string[] {
  if (item.type === "truefalse") return [String(right ? item.answer : !item.answer) === "true" ? "True" : "False"];
  const choices = item.choices!;
  if (right) return choices.filter((c) => c.correct).map((c) => c.text);
  const wrong = choices.filter((c) => !c.correct).map((c) => c.text);
  return item.type === "multiple" ? wrong : wrong.slice(0, 1);
}

/** Answer every question shown, found by its prompt, with the mouse or with the keyboard alone. */
async function answer(page: Page, quiz: { questions: Item[] }, right: boolean, how: "mouse" | "keyboard" = "mouse") {
  const fieldsets = page.locator("#quiz fieldset");
  const count = await fieldsets.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const fs = fieldsets.nth(i);
    const prompt = await fs.locator("p").last().innerText();
    const text = await fs.innerText();
    // Scenario items may share a prompt ("What do you do first?"): their situation tells them apart.
    const item = quiz.questions.find((q) => q.prompt === prompt && (!q.situation || text.includes(q.situation)));
    expect(item, `question "${prompt}" is in the quiz file`).toBeTruthy();
    for (const text of picks(item!, right)) {
      const box = fs.getByLabel(text, { exact: true });
      if (how === "keyboard") {
        await box.focus();
        await page.keyboard.press("Space");
      } else await box.check();
    }
  }
}

test("a learner who fails sees feedback on their answers but no key; their manager allows another attempt; they pass", async ({ page, consoleGuard }) => {
  consoleGuard.allowStatus(400);
  await signIn(page, "ravi.patel@baton.test");
  // The demo's Ravi has used all three attempts at a quiz in "What is a service culture".
  await page.goto("/learn");
  await expect(page.getByText("Out of attempts — ask your manager").first()).toBeVisible();
  await expect(page.getByRole("link", { name: /^Resume What is a service culture/ })).toHaveCount(0);
  await signOut(page);

  await signIn(page, "manager2@baton.test");
  await page.goto("/team");
  await page.getByRole("link", { name: "Ravi Patel" }).click();
  await expect(page.getByText(/Out of attempts \(3 of 3\)/)).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  const grant = page.getByRole("form", { name: "Allow more attempts" });
  await grant.getByRole("button", { name: "Allow more attempts" }).click();
  await expect(grant.getByText("Give a reason: it is kept in the person's history.")).toBeVisible();
  await grant.getByLabel("Reason (kept in the history)").fill("Went through the lesson together on Monday.");
  await grant.getByRole("button", { name: "Allow more attempts" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Allowed 1 more attempt at the quiz in/ })).toBeVisible();
  await expect(page.getByText(/Priya Natarajan on .*: Went through the lesson together on Monday\./)).toBeVisible();
  await expect(page.getByText(/1 more attempt granted by Priya Natarajan/)).toBeVisible();
  await signOut(page);

  await signIn(page, "ravi.patel@baton.test");
  await page.goto("/learn/what-is-a-service-culture");
  await page.getByRole("link", { name: "Resume where you left off" }).click();
  await expect(page.getByText("Priya Natarajan allowed you 1 more attempt.")).toBeVisible();
  await page.getByRole("button", { name: "Start attempt 4" }).click();
  await expect(page.getByRole("heading", { name: "Attempt 4" })).toBeFocused();
  const url = new URL(page.url());
  const lessonFile = readFileSync(`.cache/content/catalog.json`, "utf8");
  const catalog = JSON.parse(lessonFile) as { courses: { slug: string; lessons: { slug: string; number: number }[] }[] };
  const lesson = catalog.courses.find((c) => c.slug === "what-is-a-service-culture")!.lessons.find((l) => url.pathname.endsWith(`/${l.slug}`))!;
  const file = `${String(lesson.number).padStart(2, "0")}-${lesson.slug}`;
  await answer(page, quizFile("what-is-a-service-culture", file), true);
  await page.getByRole("button", { name: "Submit attempt 4" }).click();
  await expect(page.getByText(/Attempt 4: 100% — passed/)).toBeVisible();
  await expect(page.getByText("(correct answer)").first()).toBeVisible();
});

test("after a failed attempt the learner sees their answer, the feedback on it and the explanation, not the key", async ({ page }) => {
  await signIn(page, "jonas.berg@baton.test");
  await page.goto(`/learn/${ICS}/the-relay-hand-off`);
  await expect(page.getByText("4 questions per attempt · pass mark 75% · 3 of 3 attempts left")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await expect(page.getByRole("heading", { name: "Attempt 1" })).toBeFocused();
  await expectNoSeriousA11yViolations(page);
  await answer(page, RELAY, false);
  await page.getByRole("button", { name: "Submit attempt 1" }).click();
  await expect(page.locator("#quiz-result")).toBeFocused();
  await expect(page.locator("#quiz-result")).toContainText(/Attempt 1: \d+% — not passed \(you need 75%\)/);

  const review = page.getByRole("region", { name: "Your answers in attempt 1" });
  // The pool drew 4 items: check every single-answer one that was asked.
  const asked = await review
    .getByRole("listitem")
    .filter({ hasText: /^Question \d/ })
    .allInnerTexts();
  const singles = RELAY.questions.filter((q) => q.type !== "multiple" && q.choices && asked.some((text) => text.includes(q.prompt)));
  expect(singles.length).toBeGreaterThan(0);
  const content = await page.content();
  for (const item of singles) {
    const chosen = item.choices!.find((c) => !c.correct)!;
    await expect(review.getByText(chosen.feedback!).first()).toBeVisible();
    await expect(review.getByText(item.explanation).first()).toBeVisible();
    // Feedback written for options nobody chose stays on the server.
    expect(content).not.toContain(item.choices!.find((c) => c.correct)!.feedback!);
  }
  await expect(review.getByText("(your answer)").first()).toBeVisible();
  await expect(review.getByText("(correct answer)")).toHaveCount(0);
  await expect(page.getByText("2 of 3 attempts left")).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("button", { name: "Start attempt 2" }).click();
  await expect(page.getByRole("heading", { name: "Attempt 2" })).toBeFocused();
  await answer(page, RELAY, true);
  await page.getByRole("button", { name: "Submit attempt 2" }).click();
  await expect(page.getByText("Attempt 2: 100% — passed")).toBeVisible();
  await expect(
    review
      .or(page.getByRole("region", { name: "Your answers in attempt 2" }))
      .getByText("(correct answer)")
      .first(),
  ).toBeVisible();
});

test("options are shuffled per attempt on the server and a reload shows the same attempt", async ({ page }) => {
  await signIn(page, "lena.kowalski@baton.test");
  await page.goto(`/learn/${ICS}/the-relay-hand-off`);
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await expect(page.locator("#quiz fieldset")).toHaveCount(4);
  const order = () => page.locator("#quiz fieldset label").allInnerTexts();
  const first = await order();
  // The options of the items drawn, as the file lists them: the same set, in another order.
  const prompts = await page.locator("#quiz fieldset").allInnerTexts();
  const drawn = RELAY.questions.filter((q) => prompts.some((text) => text.includes(q.prompt)));
  expect(drawn).toHaveLength(4);
  const asWritten = drawn.flatMap((q) => (q.choices ? q.choices.map((c) => c.text) : ["True", "False"]));
  expect([...first].sort()).toEqual([...asWritten].sort());
  expect(first).not.toEqual(asWritten);
  await page.reload();
  expect(await order()).toEqual(first);
  // A double click on submit still records one attempt.
  await answer(page, RELAY, false);
  await page.getByRole("button", { name: "Submit attempt 1" }).dblclick();
  await expect(page.getByText(/Attempt 1: \d+% — not passed/)).toBeVisible();
  await expect(page.getByText("2 of 3 attempts left")).toBeVisible();
  await expect(page.getByRole("button", { name: "Start attempt 2" })).toBeEnabled();
});

type Submission = { action: string; fields: [string, string][] };

/** The form `button` submits, with every field (hidden ones too) as the browser would send it on that click. */
async function submissionOf(page: Page, button: string): Promise<Submission> {
  return page.getByRole("button", { name: button, exact: true }).evaluate((submitter: HTMLButtonElement) => {
    const form = submitter.form!;
    const fields: [string, string][] = [];
    for (const [name, value] of new FormData(form, submitter)) fields.push([name, String(value)]);
    return { action: form.action, fields };
  });
}

/** Post the same form twice at once, with the page's cookies and origin, as two clicks or two tabs would. */
async function sendTwice(page: Page, { action, fields }: Submission) {
  const post = () =>
    page.request.post(action, {
      headers: { Origin: new URL(page.url()).origin, "Content-Type": "application/x-www-form-urlencoded" },
      data: new URLSearchParams(fields).toString(),
      maxRedirects: 0,
    });
  return Promise.all([post(), post()]);
}

/** A server-rendered page's text as a reader sees it: without the markup and React's text separators. */
const visibleText = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
const attemptsLeft = (text: string) => /\d+ of \d+ attempts left/.exec(text)?.[0];

test("the server keeps one attempt when the same start and the same submission arrive twice at once", async ({ page }) => {
  // The button is disabled once the page has sent the form, but a double click on a slow page, a second tab or a
  // retried request still reach the server twice: send both requests, exactly as the browser would build them.
  await signIn(page, "lena.kowalski@baton.test");
  await page.goto(`/learn/${ICS}/covering-for-each-other`);
  await expect(page.getByText("4 questions per attempt · pass mark 75% · 3 of 3 attempts left")).toBeVisible();

  const [startA, startB] = await sendTwice(page, await submissionOf(page, "Start the quiz"));
  expect([startA.status(), startB.status()]).toEqual([200, 200]);
  for (const started of [startA, startB]) {
    const shown = visibleText(await started.text());
    expect(shown).toContain("Attempt 1");
    expect(attemptsLeft(shown)).toBe("2 of 3 attempts left");
  }
  await page.reload();
  await expect(page.getByRole("heading", { name: "Attempt 1" })).toBeVisible();
  await expect(page.getByText("2 of 3 attempts left")).toBeVisible();
  await expect(page.locator("#quiz fieldset")).toHaveCount(4);

  await answer(page, COVER, false);
  const submission = await submissionOf(page, "Submit attempt 1");
  // The hidden fields name the attempt the form was rendered for; one answer field (or more) per question.
  expect(submission.fields).toEqual(
    expect.arrayContaining([
      ["intent", "submit-quiz"],
      ["attempt", "1"],
    ]),
  );
  expect(new Set(submission.fields.filter(([name]) => name.startsWith("q.")).map(([name]) => name)).size).toBe(4);
  const graded = await sendTwice(page, submission);
  const results = await Promise.all(
    graded.map(async (response) => {
      expect(response.status()).toBe(200);
      const shown = visibleText(await response.text());
      expect(attemptsLeft(shown)).toBe("2 of 3 attempts left");
      return /Attempt 1: \d+% — not passed/.exec(shown)?.[0];
    }),
  );
  // Both answers point to the same graded attempt, with the same score.
  expect(results[0]).toBeTruthy();
  expect(results[1]).toBe(results[0]);

  await page.reload();
  await expect(page.locator("#quiz-result")).toContainText(results[0]!);
  await expect(page.getByText("2 of 3 attempts left")).toBeVisible();
  await expect(page.getByRole("button", { name: "Start attempt 2" })).toBeVisible();
  await expect(page.getByText(/Attempt [2-9]/)).toHaveCount(0);
});

test("the quiz can be started, answered and submitted with the keyboard alone, and focus lands on the result", async ({ page }) => {
  await signIn(page, "samir.haddad@baton.test");
  await page.goto(`/learn/${ICS}/the-relay-hand-off`);
  await page.getByRole("button", { name: "Start the quiz" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Attempt 1" })).toBeFocused();
  await answer(page, RELAY, true, "keyboard");
  await page.getByRole("button", { name: "Submit attempt 1" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("#quiz-result")).toBeFocused();
  await expect(page.locator("#quiz-result")).toContainText("Attempt 1: 100% — passed");
});

test("a skip link leads past the navigation to the main content", async ({ page }) => {
  await signIn(page, "grace.lin@baton.test");
  await page.goto("/learn");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("#main")).toBeFocused();
});

/** The lesson page's route in the browser's router. */
const LESSON_ROUTE = "routes/_app.learn.$courseSlug.$lessonSlug";
/** Names a key, a grade or the text written for the options could travel under, whatever the wire format. */
const KEY_NAMES = ["correct", "isCorrect", "answer", "answers", "key", "keys", "source", "credit", "feedback", "feedbackTrue", "feedbackFalse", "explanation"];

/** Wait until React has hydrated the page: from then on its links navigate on the client, fetching only data. */
async function hydrated(page: Page) {
  await page.waitForFunction(() => [...document.querySelectorAll("a[href]")].some((a) => Object.keys(a).some((k) => k.startsWith("__reactProps"))));
}

/**
 * Search the data the browser's router holds for every route on the page, as decoded objects (not as text in one
 * format): no secret text anywhere, and no key-like property anywhere in the quiz. The open attempt must be there,
 * with the questions on screen, so an empty search cannot pass.
 */
async function expectNoKeyInLoaderData(page: Page, drawn: Item[], secrets: string[]) {
  const { prompts, leaks } = await page.evaluate(
    ({ route, names, secrets }) => {
      const loaderData = (window as unknown as { __remixRouter: { state: { loaderData: Record<string, unknown> } } }).__remixRouter.state.loaderData;
      const leaks: string[] = [];
      const seen = new WeakSet<object>();
      const walk = (value: unknown, path: string, inQuiz: boolean) => {
        if (typeof value === "string") {
          for (const secret of secrets) if (value.includes(secret)) leaks.push(`${path} holds "${secret.slice(0, 50)}"`);
        } else if (value && typeof value === "object" && !seen.has(value)) {
          seen.add(value);
          for (const [name, inner] of Object.entries(value)) {
            if (inQuiz && names.includes(name)) leaks.push(`${path}.${name}`);
            walk(inner, `${path}.${name}`, inQuiz || name === "quiz");
          }
        }
      };
      walk(loaderData, "loaderData", false);
      const quiz = (loaderData[route] as { quiz?: { open?: { items: { prompt: string }[] } } } | undefined)?.quiz;
      return { leaks, prompts: quiz?.open?.items.map((item) => item.prompt) ?? [] };
    },
    { route: LESSON_ROUTE, names: KEY_NAMES, secrets },
  );
  expect(prompts.sort()).toEqual(drawn.map((q) => q.prompt).sort());
  expect(leaks).toEqual([]);
}

test("no key, feedback, explanation or undrawn question reaches the browser: in the page's data, however it arrives, in the HTML or its JavaScript", async ({
  page,
}) => {
  await signIn(page, "grace.lin@baton.test");
  const path = `/learn/${ICS}/fixing-broken-hand-offs`;
  await page.goto(path);
  await expect(page.getByText("4 questions per attempt")).toBeVisible();
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await expect(page.locator("#quiz fieldset")).toHaveCount(4);
  const shown = await page.locator("#quiz fieldset").allInnerTexts();
  const drawn = POOL.questions.filter((q) => shown.some((text) => text.includes(q.prompt)));
  expect(drawn).toHaveLength(4);
  const undrawn = POOL.questions.filter((q) => !drawn.includes(q));
  // What only the server may know while the attempt is open, from the quiz files: every explanation, the feedback
  // written for every option (the correct ones' included), and the questions this attempt did not draw.
  const secrets = [
    ...[...POOL.questions, ...RELAY.questions].flatMap((q) => [q.explanation, q.feedbackTrue, q.feedbackFalse, ...(q.choices ?? []).map((c) => c.feedback)]),
    ...undrawn.map((q) => q.prompt),
  ].filter((text): text is string => Boolean(text));
  expect(secrets.length).toBeGreaterThan(POOL.questions.length * 2);

  // The data the page hydrates with, carried inside the HTML.
  await page.reload();
  await hydrated(page);
  await expectNoKeyInLoaderData(page, drawn, secrets);

  // The same lesson reached by links: its data arrives as a request of its own, not in a document.
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link").last().click();
  await expect(page).toHaveURL(new RegExp(`/learn/${ICS}$`));
  const dataResponse = page.waitForResponse((r) => new URL(r.url()).pathname === `${path}.data` && r.request().method() === "GET");
  await page.locator(`#main a[href="${path}"]`).first().click();
  const viaLink = await dataResponse;
  expect(viaLink.status()).toBe(200);
  await expect(page).toHaveURL(new RegExp(`${path}$`));
  await expect(page.locator("#quiz fieldset")).toHaveCount(4);
  expect(await page.evaluate(() => "sameDocument" in window), "the lesson was reached without loading a document").toBe(true);
  await expectNoKeyInLoaderData(page, drawn, secrets);

  // And as plain text: the document, that data request, and every script the page loads.
  const response = await page.request.get(path);
  const html = await response.text();
  const scripts = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  expect(scripts.length).toBeGreaterThan(0);
  const bodies = [html, await viaLink.text(), ...(await Promise.all(scripts.map(async (s) => (await page.request.get(s)).text())))];
  for (const body of bodies) {
    for (const secret of secrets) expect(body).not.toContain(secret);
    for (const q of [...POOL.questions, ...RELAY.questions]) expect(body).not.toContain(q.explanation.slice(0, 60));
  }
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a quiz is started, answered and submitted as plain forms, and the lesson completes", async ({ page }) => {
    // A past hire who never opened this course: its first lesson completes by passing its quiz.
    await signIn(page, "ines.duarte@baton.test");
    await page.goto("/learn/our-promise/what-a-promise-is-for");
    await page.getByRole("button", { name: "Start the quiz" }).click();
    await expect(page.getByRole("heading", { name: "Attempt 1" })).toBeVisible();
    await answer(page, quizFile("our-promise", "01-what-a-promise-is-for"), true);
    await page.getByRole("button", { name: "Submit attempt 1" }).click();
    await expect(page.locator("#quiz-result")).toContainText("Attempt 1: 100% — passed");
    await page.goto("/learn/our-promise");
    const row = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: /What a service promise is for/ }) });
    await expect(row.getByText("Completed")).toBeVisible();
  });
});
