import { DEMO, expect, expectNoSeriousA11yViolations, signIn, test } from "./utils";

test("HR opens the course library, a course, and previews its lessons as a learner without recording anything", async ({ page }) => {
  await signIn(page, DEMO.hr);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Courses" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Courses" })).toBeVisible();
  const table = page.getByRole("table", { name: "Courses in the library, with their use" });
  await expect(table.getByRole("columnheader", { name: "People holding it" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel("Search by title").fill("customer service");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=customer/);
  await expect(table.getByRole("row")).toHaveCount(2); // header + Internal customer service
  await table.getByRole("link", { name: "Internal customer service" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Internal customer service" })).toBeVisible();
  const lessons = page.getByRole("table", { name: "Lessons of Internal customer service, in order" });
  await expect(lessons.getByRole("row")).toHaveCount(7); // header + 6 lessons
  await expect(lessons.getByRole("row").nth(2)).toContainText("Quiz");
  await expect(page.getByRole("heading", { name: "Curricula that use it" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Item analysis" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // Nothing a preview renders may post anywhere.
  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() !== "GET") posts.push(`${request.method()} ${request.url()}`);
  });
  await page.getByRole("link", { name: "Preview as a learner" }).click();
  await expect(page).toHaveURL(/\/hr\/courses\/internal-customer-service\/preview\/colleagues-are-customers$/);
  await expect(page.getByText("Preview — nothing is recorded")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Colleagues are customers too" })).toBeVisible();
  await expect(page.getByRole("group", { name: "What would you do?" }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Choose this" }).first()).toBeDisabled();
  await expect(page.getByRole("region", { name: "Your feedback on this lesson" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("link", { name: "The relay hand-off →" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "The relay hand-off" })).toBeVisible();
  const quiz = page.getByRole("region", { name: "Check your understanding" });
  await expect(quiz.getByRole("group").first()).toBeVisible();
  await expect(quiz.getByRole("button", { name: "Submit attempt 1" })).toBeDisabled();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("link", { name: "← Colleagues are customers too" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Colleagues are customers too" })).toBeVisible();
  expect(posts).toEqual([]);
});

test("a manager finds Courses in the navigation and reads a course without item analysis", async ({ page }) => {
  await signIn(page, DEMO.manager);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Courses" }).click();
  await page.getByRole("link", { name: "Internal customer service" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Internal customer service" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Item analysis" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
});
