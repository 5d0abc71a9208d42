import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { parse } from "yaml";
import { DEMO, expect, expectNoSeriousA11yViolations, signIn, test } from "./utils";

test("HR reads how each quiz question performs in the demo, filters first attempts and downloads the CSV", async ({ page }) => {
  await signIn(page, DEMO.hr);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Courses" }).click();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("link", { name: "Internal customer service" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Internal customer service");

  // The demo's earlier cohorts took these quizzes: figures and at least one plain-language flag show.
  const table = page.getByRole("table", { name: /Questions in lesson 2, The relay hand-off/ });
  await expect(table).toBeVisible();
  const pool = (parse(readFileSync("content/courses/internal-customer-service/02-the-relay-hand-off.quiz.yml", "utf8")) as { questions: unknown[] }).questions;
  await expect(table.getByRole("row")).toHaveCount(pool.length + 1); // header + every item of the pool
  await expect(
    page
      .getByText(/Nobody picks option|Hardly anyone picks option|Almost everyone gets this right|Most people get this wrong|Strong learners miss this/)
      .first(),
  ).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("link", { name: "First attempts only" }).click();
  await expect(page).toHaveURL(/attempts=first/);
  await expect(page.getByRole("link", { name: "First attempts only" })).toHaveAttribute("aria-current", "page");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const file = await (await download).path();
  const rows = Papa.parse<Record<string, string>>(readFileSync(file, "utf8").replace(/^\uFEFF/, ""), { header: true }).data.filter((r) => r.Lesson);
  expect(rows.length).toBeGreaterThan(10);
  expect(rows.every((r) => r["Attempts counted"] === rows[0]!["Attempts counted"])).toBe(true);
  expect(new Set(rows.map((r) => r.Lesson))).toContain("2. The relay hand-off");
});

test("HR sees a waiver with who and why on the person's readiness page, and can make an exception there", async ({ page }) => {
  await signIn(page, DEMO.hr);
  await page.goto("/hr/readiness");
  await page.getByRole("link", { name: "Sofia Rossi" }).click();
  await expect(page.getByText(/Listening both ways waived by Hana Reyes on .*: Completed the same listening programme/)).toBeVisible();
  await expect(page.getByText("Waived", { exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const extend = page.getByRole("form", { name: "Extend the due date" });
  await extend.getByLabel("Course").selectOption("what-is-a-service-culture");
  const later = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
  await extend.getByLabel("New due date").fill(later);
  await extend.getByLabel("Reason (kept in the history)").fill("Starts later than planned: agreed with Priya.");
  await extend.getByRole("button", { name: "Extend the due date" }).click();
  await expect(page.getByRole("status").filter({ hasText: `New due date for What a service culture is: ${later}.` })).toBeVisible();
  await expect(page.getByText(/What a service culture is due .* \(extended by Hana Reyes on .*: Starts later than planned/)).toBeVisible();
});
