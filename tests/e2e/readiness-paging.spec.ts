import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { DEMO, expect, expectNoSeriousA11yViolations, signIn, test } from "./utils";

const DEPARTMENT = "Night Audit";
const PEOPLE = 60;
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** Sixty night auditors who started last week and have never signed in. */
const csv = () =>
  [
    "email,name,department,job title,manager email,start date",
    ...Array.from({ length: PEOPLE }, (_, i) => {
      const n = String(i + 1).padStart(2, "0");
      return `auditor${n}@night-audit.test,Auditor ${n} Night,${DEPARTMENT},Night Auditor,,${daysAgo(5)}`;
    }),
    "",
  ].join("\n");

test("HR finds everyone invited but never signed in, pages through them, and downloads them all as CSV", async ({ page, consoleGuard }) => {
  consoleGuard.allowStatus(400); // the rule for a department nobody is in yet is refused once
  await signIn(page, DEMO.hr);

  // The department does not exist yet: the rule needs a confirmation instead of silently assigning nobody.
  await page.goto("/hr/curricula");
  await page.getByRole("link", { name: "Service essentials" }).click();
  await page.getByLabel("Department", { exact: true }).fill(DEPARTMENT);
  await page.getByRole("button", { name: "Assign to department" }).click();
  await expect(page.getByText(`Nobody matches “${DEPARTMENT}” yet.`)).toBeVisible();
  await page.getByLabel("Assign anyway: people who join with this department later will receive it").check();
  await page.getByRole("button", { name: "Assign to department" }).click();
  await expect(page.getByText(`Assigned Service essentials by “Department: ${DEPARTMENT}”: 0 people now, and everyone who matches later.`)).toBeVisible();

  await page.goto("/hr/import");
  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "night-audit.csv", mimeType: "text/csv", buffer: Buffer.from(csv()) });
  await page.getByRole("button", { name: "Preview import" }).click();
  await page.getByRole("button", { name: `Confirm import of ${PEOPLE} changes` }).click();
  await expect(page.getByRole("status")).toContainText(`Imported night-audit.csv: ${PEOPLE} created`);

  // The tile is a filter: Invited, not signed in, within the department.
  await page.goto(`/hr/readiness?department=${encodeURIComponent(DEPARTMENT)}`);
  const tiles = page.getByRole("list", { name: "People by readiness state" });
  await expect(tiles.getByRole("link", { name: /^People\s*60$/ })).toBeVisible();
  await tiles.getByRole("link", { name: /^Invited, not signed in\s*60$/ }).click();
  await expect(page).toHaveURL(/state=INVITED/);
  await expect(page.getByRole("heading", { name: "People 1–50 of 60" })).toBeVisible();
  const names = () => page.locator("table").last().locator("tbody tr td:first-child a").allTextContents();
  const first = await names();
  expect(first).toHaveLength(50);
  await expect(page.locator("table").last().getByText("Has not signed in yet").first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const pages = page.getByRole("navigation", { name: "Pages of people" });
  await pages.getByRole("link", { name: "Next" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "People 51–60 of 60" })).toBeVisible();
  await expect(pages.getByText("Page 2 of 2")).toBeVisible();
  const second = await names();
  expect(second).toHaveLength(10);
  expect(new Set([...first, ...second]).size).toBe(PEOPLE);

  // The CSV holds every page, not just the one on screen.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
  const rows = Papa.parse<string[]>(readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
  expect(rows).toHaveLength(PEOPLE + 1);
  expect(new Set(rows.slice(1).map((r) => r[2]))).toEqual(new Set(["Invited, not signed in"]));
  expect(
    rows
      .slice(1)
      .map((r) => r[0])
      .sort(),
  ).toEqual([...first, ...second].sort());

  // The account filter says the same, and a person's page shows how they got here.
  await page.goto(`/hr/readiness?department=${encodeURIComponent(DEPARTMENT)}&account=invited`);
  await expect(page.getByRole("heading", { name: "People 1–50 of 60" })).toBeVisible();
  await page.getByRole("link", { name: "Auditor 01 Night" }).click();
  const timeline = page.getByRole("region", { name: "Readiness timeline" });
  await expect(timeline.getByText("Invited, not signed in")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
