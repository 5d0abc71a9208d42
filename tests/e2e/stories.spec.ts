import type { Page } from "@playwright/test";
import { DEMO, expect, expectNoSeriousA11yViolations, signIn, signOut, test } from "./utils";

// Demo people no other spec uses: a Customer Support new hire, a Front Desk colleague, and a manager of neither.
const LEARNER = "tara.walsh@baton.test";
const COLLEAGUE = "uche.eze@baton.test";
const MANAGER = "manager3@baton.test";
const MARKUP = `<img src=x onerror=alert(1)>`;

async function openStories(page: Page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Stories" }).click();
  await expect(page).toHaveURL(/\/stories$/);
  await expect(page.getByRole("heading", { level: 1, name: "Service stories" })).toBeVisible();
}

test("a learner tells a story about a colleague, a manager highlights it, and the colleague sees it at home", async ({ page, consoleGuard }) => {
  consoleGuard.allowStatus(400);
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const text = `Uche walked a lost courier to the right loading bay and rang me the moment the parcel was signed for. ${MARKUP} ${Date.now()}`;
  const story = page.getByRole("article").filter({ hasText: text });

  await signIn(page, LEARNER);
  await openStories(page);
  await expectNoSeriousA11yViolations(page);

  // Forgetting the behaviour is a field error; what was typed stays.
  await page.getByLabel("Who is it about?").selectOption({ label: "Uche Eze" });
  await page.getByLabel("What happened?").fill(text);
  await page.getByRole("button", { name: "Post story" }).click();
  await expect(page.getByText("Choose the behaviour the story shows.")).toBeVisible();
  await expect(page.getByLabel("What happened?")).toHaveValue(text);

  await page.getByRole("radio", { name: /^Found a way/ }).check();
  await page.getByRole("button", { name: "Post story" }).click();
  await expect(page.getByRole("status").filter({ hasText: "your story about Uche is posted" })).toBeVisible();
  await expect(page.getByLabel("What happened?")).toHaveValue("");
  await expect(story).toHaveCount(1);
  await expect(story.getByRole("heading", { name: "Tara Walsh about Uche Eze · Front Desk" })).toBeVisible();
  await expect(story.getByText("Found a way", { exact: true })).toBeVisible();
  // The markup is shown as the characters typed: nothing is interpreted.
  await expect(story.getByText(MARKUP)).toBeVisible();
  await expect(story.locator("img")).toHaveCount(0);
  await expect(story.getByRole("button", { name: "Delete" })).toBeVisible();
  await expect(story.getByRole("button", { name: "Highlight" })).toHaveCount(0);
  await signOut(page);

  await signIn(page, MANAGER);
  await openStories(page);
  await expect(story.getByRole("button", { name: "Delete" })).toHaveCount(0);
  await story.getByRole("button", { name: "Highlight" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Story highlighted." })).toBeVisible();
  await expect(story.getByText("Highlighted by Daniel Osei")).toBeVisible();
  await page.getByRole("navigation", { name: "Story lists" }).getByRole("link", { name: "Highlighted" }).click();
  await expect(page).toHaveURL(/view=highlighted/);
  await expect(story).toHaveCount(1);
  await expectNoSeriousA11yViolations(page);
  await signOut(page);

  await signIn(page, COLLEAGUE);
  await page.goto("/learn");
  const panel = page.getByRole("region", { name: "Stories about you" });
  await expect(panel.getByText(text)).toBeVisible();
  await expect(panel.getByText("Highlighted by Daniel Osei")).toBeVisible();
  await expect(panel.locator("img")).toHaveCount(0);
  await panel.getByRole("link", { name: "All stories about you" }).click();
  await expect(page.getByRole("link", { name: "About me" })).toHaveAttribute("aria-current", "page");
  await expect(story).toHaveCount(1);
  expect(dialogs).toEqual([]);
});

test("HR sees the hidden list and the counts by department and month, both accessible", async ({ page }) => {
  await signIn(page, DEMO.hr);
  await openStories(page);
  await page.getByRole("navigation", { name: "Story lists" }).getByRole("link", { name: "Hidden" }).click();
  await expect(page).toHaveURL(/view=hidden/);
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("link", { name: "Stories by department and month" }).click();
  await expect(page).toHaveURL(/\/hr\/stories$/);
  const table = page.getByRole("table", { name: /Service stories posted each month over the last 6 months/ });
  await expect(table.getByRole("columnheader", { name: "Department" })).toBeVisible();
  await expect(table.getByRole("columnheader")).toHaveCount(8);
  await expect(table.getByRole("rowheader", { name: "All departments" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
