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

test("no key, feedback, explanation or undrawn question reaches the browser, in the HTML or its JavaScript", async ({ page }) => {
  await signIn(page, "grace.lin@baton.test");
  const path = `/learn/${ICS}/fixing-broken-hand-offs`;
  await page.goto(path);
  await expect(page.getByText("4 questions per attempt")).toBeVisible();
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await expect(page.locator("#quiz fieldset")).toHaveCount(4);
  const shown = await page.locator("#quiz fieldset").allInnerTexts();
  const undrawn = POOL.questions.filter((q) => !shown.some((text) => text.includes(q.prompt)));
  expect(undrawn).toHaveLength(POOL.questions.length - 4);

  const response = await page.request.get(path);
  const html = await response.text();
  const scripts = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  expect(scripts.length).toBeGreaterThan(0);
  const data = await page.request.get(`${path}.data`);
  const bodies = [html, await data.text(), ...(await Promise.all(scripts.map(async (s) => (await page.request.get(s)).text())))];
  expect(bodies[1]).not.toMatch(/"source"|"credit"/);
  for (const body of bodies) {
    expect(body).not.toMatch(/"correct"\s*:\s*(true|false)|correct:\s*true|"answer"\s*:\s*(true|false)/);
    for (const q of [...POOL.questions, ...RELAY.questions]) {
      expect(body).not.toContain(q.explanation.slice(0, 60));
      for (const c of q.choices ?? []) if (c.feedback) expect(body).not.toContain(c.feedback);
    }
    for (const q of undrawn) expect(body).not.toContain(q.prompt);
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
