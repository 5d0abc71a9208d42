import { DEMO, expect, expectNoSeriousA11yViolations, signIn, test } from "./utils";

const csv = (domain: string) =>
  [
    "email,name,department,job title,manager email,start date",
    `lead@${domain},Lena Lead,Front Desk,Lead,,2026-10-05`,
    `ana@${domain},Ana Li,Front Desk,Receptionist,lead@${domain},2027-01-04`,
    "",
  ].join("\n");

test("HR previews a file, confirms it, and follows the import to its result", async ({ page }) => {
  await signIn(page, DEMO.hr);
  await page.goto("/hr/import");
  await expect(page.getByText("Up to 200,000 people (rows) and 32 MB per file.")).toBeVisible();

  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "hris.csv", mimeType: "text/csv", buffer: Buffer.from(csv("e2e-import.test")) });
  await page.getByRole("button", { name: "Preview import" }).click();
  await expect(page.getByRole("heading", { name: "Preview of hris.csv" })).toBeVisible();

  await page.getByRole("button", { name: /^Confirm import of 2 changes/ }).click();
  await expect(page).toHaveURL(/\/hr\/import\?job=[0-9a-f-]{36}$/);
  // Small files finish before the first look; big ones show "Importing hris.csv" with a progress bar until then.
  await expect(page.getByRole("status")).toContainText("Imported hris.csv: 2 created, 0 updated, 0 unchanged");
  await expect(page.getByRole("link", { name: "See people" })).toBeVisible();
});

/** An export as an HR system writes it: its own column names, split names, US dates, the manager as "Last, First". */
const hrExport = (samEmail: string) =>
  [
    "Employee #,First Name,Last Name,Work Email,Squad,Job Title,Hire Date,Reports To,Employment Status",
    'E-9001,Amara,Okafor,amara.okafor@e2e-hris.test,Front Desk,Team Lead,10/05/2026,"Bell, Marcus",Active',
    `E-9002,Sam,Lee,${samEmail},Front Desk,Receptionist,01/04/2027,"Okafor, Amara",Active`,
    "",
  ].join("\n");

test("HR maps an HR-system export, saves the mapping, imports it, and re-imports the next export with the saved mapping", async ({ page, consoleGuard }) => {
  consoleGuard.allowStatus(400); // a preview with problems to fix answers 400
  await signIn(page, DEMO.hr);
  await page.goto("/hr/import");
  await page
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: "weekly.csv", mimeType: "text/csv", buffer: Buffer.from(hrExport("sam.lee@e2e-hris.test")) });
  await page.getByRole("button", { name: "Preview import" }).click();
  await expect(page.getByRole("heading", { name: "Preview of weekly.csv" })).toBeVisible();
  // Proposed from the names; "Squad" means nothing to Baton, and nothing in the file says which of 10/05 is the day.
  await expect(page.getByLabel("Imported as, for the column Employee #")).toHaveValue("employeeId");
  await expect(page.getByLabel("Imported as, for the column Reports To")).not.toHaveValue("");
  await expect(page.getByLabel("Imported as, for the column Squad")).toHaveValue("");
  await expect(page.getByText("Dates like 10/05/2026 could be 10 May or 5 October: choose the day/month order.")).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel("Imported as, for the column Squad").selectOption("department");
  await page.getByLabel("Dates in this file").selectOption("mdy");
  await page.getByRole("button", { name: "Preview with these columns" }).click();
  await expect(page.getByText("2 rows: 2 to create, 0 to update, 0 unchanged.")).toBeVisible();
  await expect(page.getByText("Amara Okafor · amara.okafor@e2e-hris.test")).toBeVisible();
  await expect(page.getByText(/Sam Lee · sam\.lee@e2e-hris\.test .*reports to amara\.okafor@e2e-hris\.test/)).toBeVisible();

  await page.getByLabel("Save this mapping as").fill("HR system weekly export");
  await page.getByRole("button", { name: "Save mapping" }).click();
  await expect(page.getByText("Mapping saved as “HR system weekly export”")).toBeVisible();
  await page.getByRole("button", { name: /^Confirm import of 2 changes/ }).click();
  await expect(page.getByRole("status")).toContainText("Imported weekly.csv: 2 created, 0 updated, 0 unchanged");

  // Next week: Sam's e-mail changed. The saved mapping reads the file; the employee id finds the same person.
  await page.goto("/hr/import");
  await page
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: "weekly-2.csv", mimeType: "text/csv", buffer: Buffer.from(hrExport("sam.lee2@e2e-hris.test")) });
  await page.getByLabel("Read it with a saved mapping").selectOption("HR system weekly export");
  await page.getByRole("button", { name: "Preview import" }).click();
  await expect(page.getByText("Read with the saved mapping “HR system weekly export”.", { exact: false })).toBeVisible();
  await expect(page.getByText("2 rows: 0 to create, 1 to update, 1 unchanged.")).toBeVisible();
  await page.getByRole("button", { name: /^Confirm import of 1 change/ }).click();
  await expect(page.getByRole("status")).toContainText("Imported weekly-2.csv: 0 created, 1 updated, 1 unchanged");
});
