import AxeBuilder from "@axe-core/playwright";
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { parse } from "yaml";
import { expect, signIn, test } from "./utils";

const COURSE = "internal-customer-service";
const QUIZ_LESSON = "the-relay-hand-off";
const LEARNER = "tom.fischer@baton.test";

type QuizFile = {
  questions: ({ id: string; type: string; explanation: string; prompt: string } & ({ answer: boolean } | { choices: { text: string; correct?: boolean }[] }))[];
};
// The test knows the key because it reads the source file; the browser never does.
const quiz: QuizFile = parse(readFileSync(`content/courses/${COURSE}/02-${QUIZ_LESSON}.quiz.yml`, "utf8"));

/** Tick answers with the mouse, or with the keyboard alone (focus, then Space). */
async function answerQuiz(page: Page, right: boolean, how: "mouse" | "keyboard" = "mouse") {
  const press = async (box: ReturnType<Page["getByRole"]>) => {
    await box.focus();
    await page.keyboard.press("Space");
  };
  const fieldsets = page.locator("#quiz fieldset");
  for (const [i, q] of quiz.questions.entries()) {
    const fs = fieldsets.nth(i);
    if ("answer" in q) {
      const radio = fs.getByRole("radio", { name: String(right ? q.answer : !q.answer) === "true" ? "True" : "False" });
      if (how === "keyboard") await press(radio);
      else await radio.check();
      continue;
    }
    const multiple = q.type === "multiple";
    for (const [ci, c] of q.choices.entries()) {
      const box = fs.getByRole(multiple ? "checkbox" : "radio").nth(ci);
      const pick = multiple ? (right ? Boolean(c.correct) : !c.correct) : right ? Boolean(c.correct) : ci === q.choices.findIndex((x) => !x.correct);
      if (how === "keyboard") {
        if (pick !== (await box.isChecked())) await press(box);
      } else if (multiple) await box.setChecked(pick);
      else if (pick) await box.check();
    }
  }
}

async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

test("a new hire completes a lesson, fails then passes a quiz, and sees progress", async ({ page, consoleGuard }) => {
  consoleGuard.allowStatus(400);
  await signIn(page, LEARNER);
  await page.goto("/learn");
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Internal customer service" }) });
  await expect(card.getByText("Not started")).toBeVisible();
  await card.getByRole("link", { name: "Start Internal customer service" }).click();

  // Lesson 1 completes by reading it.
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText("Lesson 1 of 5")).toBeVisible();
  await page.getByRole("button", { name: "Mark as done" }).click();
  await expect(page.getByText("You have completed this lesson.")).toBeVisible();

  // Lesson 2 completes by passing its quiz.
  await page.getByRole("link", { name: /The relay hand-off →/ }).click();
  await expect(page).toHaveURL(new RegExp(`/learn/${COURSE}/${QUIZ_LESSON}$`));
  await expect(page.getByText("3 of 3 attempts left")).toBeVisible();

  await answerQuiz(page, false);
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByText(/Attempt 1: \d+% — not passed \(you need 80%\)/)).toBeVisible();
  await expect(page.getByText(quiz.questions[0]!.explanation)).toBeVisible();
  await expect(page.getByText("2 of 3 attempts left")).toBeVisible();

  await answerQuiz(page, true);
  await page.getByRole("button", { name: "Submit attempt 2" }).click();
  await expect(page.getByText("Attempt 2: 100% — passed")).toBeVisible();
  await expect(page.getByText("Well done. This lesson is complete.")).toBeVisible();

  await page.goto(`/learn/${COURSE}`);
  await expect(page.getByText("2 of 5 lessons done").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Resume where you left off" })).toHaveAttribute("href", `/learn/${COURSE}/covering-for-each-other`);
  await page.goto("/learn");
  await expect(card.getByText("In progress")).toBeVisible();
  await expect(card.getByText("2 of 5 lessons done")).toBeVisible();
});

test("a double click on submit records a single attempt", async ({ page }) => {
  await signIn(page, "lena.kowalski@baton.test");
  await page.goto(`/learn/${COURSE}/${QUIZ_LESSON}`);
  await answerQuiz(page, false);
  const button = page.getByRole("button", { name: "Submit answers" });
  await button.dblclick();
  await expect(page.getByText(/Attempt 1: \d+% — not passed/)).toBeVisible();
  await expect(page.getByText("2 of 3 attempts left")).toBeVisible();
});

test("the quiz can be answered and submitted with the keyboard alone", async ({ page }) => {
  await signIn(page, "samir.haddad@baton.test");
  await page.goto(`/learn/${COURSE}/${QUIZ_LESSON}`);
  await answerQuiz(page, true, "keyboard");
  await page.getByRole("button", { name: "Submit answers" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("Attempt 1: 100% — passed")).toBeVisible();
});

test("no answer key or explanation reaches the browser, in the HTML or its JavaScript", async ({ page }) => {
  await signIn(page, "grace.lin@baton.test");
  const response = await page.request.get(`/learn/${COURSE}/${QUIZ_LESSON}`);
  expect(response.status()).toBe(200);
  const html = await response.text();
  expect(html).toContain(quiz.questions[0]!.prompt.slice(0, 30).replace(/'/g, "&#x27;").slice(0, 10));
  const scripts = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  expect(scripts.length).toBeGreaterThan(0);
  const bodies = [html, ...(await Promise.all(scripts.map(async (s) => (await page.request.get(s)).text())))];
  for (const body of bodies) {
    expect(body).not.toMatch(/"correct"\s*:\s*true|correct:\s*true|"answer"\s*:\s*(true|false)/);
    for (const q of quiz.questions) expect(body).not.toContain(q.explanation.slice(0, 60));
  }
});

test("course and lesson pages have no serious accessibility violations", async ({ page }) => {
  await signIn(page, "chloe.martin@baton.test");
  await page.goto("/learn");
  await expectNoSeriousA11yViolations(page);
  await page.goto(`/learn/${COURSE}`);
  await expectNoSeriousA11yViolations(page);
  await page.goto(`/learn/${COURSE}/${QUIZ_LESSON}`);
  await expectNoSeriousA11yViolations(page);
  // Open a scenario choice: its feedback must be accessible too.
  await page.locator("details summary").first().click();
  await expectNoSeriousA11yViolations(page);
});
