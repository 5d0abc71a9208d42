import { DEMO, expect, expectNoSeriousA11yViolations, signIn, test } from "./utils";

test("tmp: typo'd department confirmation", async ({ page, consoleGuard }) => {
  consoleGuard.allowStatus(400);
  await signIn(page, DEMO.hr);
  await page.goto("/hr/curricula/new");
  await page.getByLabel("Name").fill("Tmp path");
  await page.getByLabel("Grace period (days)").fill("61");
  await page.getByLabel("Include What a service culture is").check();
  await page.getByRole("button", { name: "Create curriculum" }).click();
  await expect(page.getByText("Use at most 60 days.")).toBeVisible();
  await page.getByLabel("Grace period (days)").fill("5");
  await page.getByRole("button", { name: "Create curriculum" }).click();
  await expect(page.getByText("Grace period: 5 days after someone receives it")).toBeVisible();
  await page.getByLabel("Department", { exact: true }).fill("Warehose");
  await page.getByRole("button", { name: "Assign to department" }).click();
  await expect(page.getByText("Nobody matches “Warehose” yet — did you mean Warehouse?")).toBeVisible();
  await expect(page.getByLabel("Department", { exact: true })).toHaveValue("Warehose");
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("Assign anyway: people who join with this department later will receive it").check();
  await page.getByRole("button", { name: "Assign to department" }).click();
  await expect(page.getByText("Assigned Tmp path by “Department: Warehose”: 0 people now, and everyone who matches later.")).toBeVisible();
  await page.getByLabel("Job title", { exact: true }).fill("receptionist");
  await page.getByRole("button", { name: "Assign to job title" }).click();
  await expect(page.getByText(/Assigned Tmp path by “Job title: receptionist”: \d+ people now/)).toBeVisible();
  await page.screenshot({ path: "/tmp/rules.png", fullPage: true });
});
