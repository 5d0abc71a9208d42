import { readFileSync } from "node:fs";
import type { Locator, Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, signIn, test } from "./utils";

const COURSE = "internal-customer-service";
const LESSON = "colleagues-are-customers";
const LESSON_URL = `/learn/${COURSE}/${LESSON}`;
const SCENARIO = "The spreadsheet for Monday";
const CHECKLIST = "Map your internal chain";

// The scenario's options as the author wrote them (the lesson is a `view` lesson with one scenario).
const source = readFileSync(`content/courses/${COURSE}/01-${LESSON}.mdx`, "utf8");
const choices = [...source.matchAll(/<Choice( best)? feedback="([^"]+)">([^<]+)<\/Choice>/g)].map((m) => ({
  best: Boolean(m[1]),
  feedback: m[2]!,
  text: m[3]!,
}));

/** Resolves when the server has answered a post with this intent (optimistic UI shows the change sooner). */
const answered = (page: Page, intent: string) =>
  page.waitForResponse((r) => r.request().method() === "POST" && (r.request().postData() ?? "").includes(`intent=${intent}`));

/** Open the lesson and wait until its scripts run (the no-JavaScript "Mark as done" button goes away). */
async function openLesson(page: Page) {
  await page.goto(LESSON_URL);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "Mark as done" })).toHaveCount(0);
}

test("a scenario shows feedback only after a choice, keeps the choice, and reveals the others on request", async ({ page }) => {
  expect(choices.length).toBeGreaterThanOrEqual(3);
  const chosen = choices.find((c) => !c.best)!;
  const others = choices.filter((c) => c !== chosen);
  await signIn(page, "kofi.mensah@baton.test");
  await openLesson(page);
  const scenario = page.getByRole("region", { name: SCENARIO });
  for (const c of choices) await expect(page.getByText(c.feedback)).toHaveCount(0);

  await scenario.getByRole("radio", { name: chosen.text }).check();
  const saved = answered(page, "scenario");
  await scenario.getByRole("button", { name: "Choose this" }).click();
  await saved;
  await expect(scenario.getByText(chosen.feedback)).toBeVisible();
  await expect(scenario.getByText("Not the strongest choice")).toBeVisible();
  for (const c of others) await expect(page.getByText(c.feedback)).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  await page.reload();
  await expect(scenario.getByText(chosen.feedback)).toBeVisible();
  await expect(scenario.getByRole("radio")).toHaveCount(0);
  for (const c of others) await expect(page.getByText(c.feedback)).toHaveCount(0);

  await scenario.getByRole("button", { name: "Show feedback on the other options" }).click();
  for (const c of others) await expect(scenario.getByText(c.feedback)).toBeVisible();
  await expect(scenario.getByText("The strongest choice", { exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("checklist ticks are saved and stay ticked after a reload", async ({ page }) => {
  await signIn(page, "sofia.rossi@baton.test");
  await openLesson(page);
  const form = page.locator("form").filter({ has: page.getByRole("group", { name: CHECKLIST }) });
  const boxes = form.getByRole("checkbox");
  await expect(boxes).toHaveCount(4);
  await expect(form.getByRole("button", { name: "Save checklist" })).toHaveCount(0);

  const tick = async (box: Locator, checked: boolean) => {
    const saved = answered(page, "checklist");
    await box.setChecked(checked);
    await saved;
    await expect(form.getByRole("status")).toHaveText("Saved");
  };
  const first = form.getByRole("checkbox", { name: "I have written down who passes work to me" });
  await tick(first, true);
  await tick(boxes.nth(2), true);
  await expectNoSeriousA11yViolations(page);

  await page.reload();
  await expect(first).toBeChecked();
  await expect(boxes.nth(1)).not.toBeChecked();
  await expect(boxes.nth(2)).toBeChecked();

  await tick(first, false);
  await page.reload();
  await expect(first).not.toBeChecked();
  await expect(boxes.nth(2)).toBeChecked();
});

test("a view lesson is in progress once opened and completes when the learner scrolls to its end", async ({ page }) => {
  await signIn(page, "liam.oconnor@baton.test");
  await openLesson(page);
  await expect(page.getByText("In progress", { exact: true })).toBeVisible();
  await expect(page.getByText("You have completed this lesson.")).toHaveCount(0);

  for (let i = 0; i < 20; i += 1) await page.mouse.wheel(0, 600);
  await expect(page.getByText("✓ You have completed this lesson.")).toBeVisible();
  await expect(page.getByText("Completed", { exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.goto(`/learn/${COURSE}`);
  const row = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: /Colleagues are customers too/ }) });
  await expect(row.getByText("Completed")).toBeVisible();
  await expect(page.getByText("1 of 6 lessons done").first()).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a scenario, a checklist and a view lesson work as plain forms", async ({ page }) => {
    const url = "/learn/service-standards-you-can-see/values-into-behaviours";
    await signIn(page, "ade.bello@baton.test");
    await page.goto(url);
    const scenario = page.getByRole("region", { name: "The value on the wall" });
    await scenario.getByRole("radio", { name: /Give the customer the finance team's email/ }).check();
    await scenario.getByRole("button", { name: "Choose this" }).click();
    const feedback = scenario.getByText(/hands the problem straight back to the customer/);
    await expect(feedback).toBeVisible();

    const form = page.locator("form").filter({ has: page.getByRole("group", { name: "Before you move on" }) });
    await form.getByRole("checkbox").nth(1).check();
    await form.getByRole("button", { name: "Save checklist" }).click();
    await page.goto(url);
    await expect(form.getByRole("checkbox").nth(1)).toBeChecked();
    await expect(form.getByRole("checkbox").nth(0)).not.toBeChecked();
    await expect(feedback).toBeVisible();

    // That lesson is signed off by an observer; a `view` lesson without JavaScript completes with its button.
    await page.goto(LESSON_URL);
    await page.getByRole("button", { name: "Mark as done" }).click();
    await expect(page.getByText("✓ You have completed this lesson.")).toBeVisible();
  });
});
