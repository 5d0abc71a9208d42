import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { parse } from "yaml";
import { expect, expectNoSeriousA11yViolations, signIn, test } from "./utils";

const COURSE = "internal-customer-service";
const QUIZ_LESSON = "the-relay-hand-off";
const LEARNER = "tom.fischer@baton.test";

type QuizFile = { questions: { prompt: string; type: string; answer?: boolean; choices?: { text: string; correct?: boolean }[] }[] };
// The test knows the key because it reads the source file; the browser never does.
const quiz: QuizFile = parse(readFileSync(`content/courses/${COURSE}/02-${QUIZ_LESSON}.quiz.yml`, "utf8"));

/** Tick the right answers of the questions drawn, finding each by its prompt (the server shuffles the options). */
async function answerRight(page: Page) {
  await expect(page.locator("#quiz fieldset").first()).toBeVisible();
  const shown = await page.locator("#quiz fieldset").allInnerTexts();
  for (const q of quiz.questions.filter((item) => shown.some((text) => text.includes(item.prompt)))) {
    const fs = page.locator("#quiz fieldset").filter({ hasText: q.prompt });
    const texts = q.type === "truefalse" ? [q.answer ? "True" : "False"] : q.choices!.filter((c) => c.correct).map((c) => c.text);
    for (const text of texts) await fs.getByLabel(text, { exact: true }).check();
  }
}

test("a new hire reads a lesson to its end, passes a quiz, and sees progress", async ({ page }) => {
  await signIn(page, LEARNER);
  await page.goto("/learn");
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Internal customer service" }) });
  await expect(card.getByText("Not started")).toBeVisible();
  await card.getByRole("link", { name: "Start Internal customer service" }).click();

  // Lesson 1 completes when the learner reaches its end: no button to press.
  await expect(page.getByText("Lesson 1 of 6")).toBeVisible();
  await expect(page.getByRole("button", { name: "Mark as done" })).toHaveCount(0);
  await page.keyboard.press("End");
  await expect(page.getByText("You have completed this lesson.")).toBeVisible();

  // Lesson 2 completes by passing its quiz.
  await page.getByRole("link", { name: /The relay hand-off →/ }).click();
  await expect(page).toHaveURL(new RegExp(`/learn/${COURSE}/${QUIZ_LESSON}$`));
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await answerRight(page);
  await page.getByRole("button", { name: "Submit attempt 1" }).click();
  await expect(page.getByText("Attempt 1: 100% — passed")).toBeVisible();
  await expect(page.getByText("Well done. This lesson is complete.")).toBeVisible();

  await page.goto(`/learn/${COURSE}`);
  await expect(page.getByText("2 of 6 lessons done").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Resume where you left off" })).toHaveAttribute("href", `/learn/${COURSE}/covering-for-each-other`);
  await page.goto("/learn");
  await expect(card.getByText("In progress")).toBeVisible();
  await expect(card.getByText("2 of 6 lessons done")).toBeVisible();
});

test("course and lesson pages have no serious accessibility violations", async ({ page }) => {
  await signIn(page, "chloe.martin@baton.test");
  await page.goto("/learn");
  await expectNoSeriousA11yViolations(page);
  await page.goto(`/learn/${COURSE}`);
  await expectNoSeriousA11yViolations(page);
  await page.goto(`/learn/${COURSE}/${QUIZ_LESSON}`);
  await expectNoSeriousA11yViolations(page);
});
