import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { expect, expectNoSeriousA11yViolations, signIn, signOut, test } from "./utils";

test("a manager sees their team, who needs help first, and drills into a person", async ({ page }) => {
  await signIn(page, "manager2@baton.test");
  await expect(page).toHaveURL(/\/team$/);
  const rows = page.getByRole("row");
  // Overdue first: Kofi has not begun a course that was due a week after he started.
  await expect(rows.nth(1)).toContainText("Kofi Mensah");
  await expect(rows.nth(1)).toContainText("Overdue");
  await expect(rows.nth(1)).toContainText("What a service culture is overdue since");
  await expect(page.getByRole("row", { name: /Ella Novak/ })).toContainText("Ready");

  await page.getByRole("link", { name: "Ravi Patel" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ravi Patel" })).toBeVisible();
  // Lesson by lesson, with every quiz attempt (the demo's Ravi failed one quiz three times; quiz.spec.ts may have
  // let him pass it since).
  await expect(page.getByText(/#3: \d+%/)).toBeVisible();
  await expect(page.getByText(/Quiz in .* (failed with no attempts left|not passed)|What a service culture is/).first()).toBeVisible();
});

test("a manager opening another team's person gets 404", async ({ page, consoleGuard }) => {
  consoleGuard.allowStatus(404);
  await signIn(page, "manager2@baton.test");
  const href = await page.getByRole("link", { name: "Kofi Mensah" }).getAttribute("href");
  expect(href).toMatch(/^\/team\/.+/);
  await signOut(page);
  await signIn(page, "manager@baton.test");
  const response = await page.goto(href!);
  expect(response?.status()).toBe(404);
  await expect(page.getByText("We could not find that page")).toBeVisible();
});

test("HR filters the report by department, sees the chart and downloads exactly that as CSV", async ({ page }) => {
  await signIn(page, "hr@baton.test");
  await page.getByRole("link", { name: "Readiness" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Readiness" })).toBeVisible();
  await expect(page.getByRole("img", { name: /Readiness by department/ })).toBeVisible();

  await page.getByRole("combobox", { name: "Department" }).selectOption("Warehouse");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/department=Warehouse/);
  const listed = page.locator("table").last().locator("tbody tr td:first-child a");
  // This year's warehouse hires and the earlier cohorts' (prisma/demo-cohort.ts), nobody from another department.
  const warehouse = [
    "Dana Kruger",
    "Ella Novak",
    "Farid Nasser",
    "Ines Duarte",
    "Kofi Mensah",
    "Liam O'Connor",
    "Luca Bianchi",
    "Olga Petrova",
    "Ravi Patel",
    "Sofia Rossi",
    "Sven Larsen",
    "Vera Costa",
  ];
  // The URL changes before React has rendered the new rows, so wait for the rows themselves.
  await expect.poll(async () => (await listed.allTextContents()).sort()).toEqual(warehouse);
  await expect(page.getByRole("heading", { name: `People (${warehouse.length})` })).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
  const text = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
  const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  expect(rows[0]?.slice(0, 8)).toEqual(["Name", "Email", "State", "Since", "Reasons", "Manager", "Department", "Start date"]);
  expect(
    rows
      .slice(1)
      .map((r) => r[0])
      .sort(),
  ).toEqual(warehouse);
  expect(rows.find((r) => r[0] === "Kofi Mensah")?.[2]).toBe("Overdue");

  await page.getByRole("link", { name: "Ella Novak" }).click();
  await expect(page.getByText("Ready", { exact: true }).first()).toBeVisible();
});

test("the team view, the report with its charts, and a drill-down have no serious accessibility violations", async ({ page }) => {
  const check = () => expectNoSeriousA11yViolations(page);
  await signIn(page, "manager2@baton.test");
  await check();
  await page.getByRole("link", { name: "Kofi Mensah" }).click();
  await check();
  await signOut(page);
  await signIn(page, "hr@baton.test");
  await page.goto("/hr/readiness");
  await page.getByText("Show as a table").first().click();
  await check();
});
