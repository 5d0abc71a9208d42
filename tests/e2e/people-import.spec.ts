import { DEMO, expect, signIn, test } from "./utils";

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

  await page.getByLabel("CSV file").setInputFiles({ name: "hris.csv", mimeType: "text/csv", buffer: Buffer.from(csv("e2e-import.test")) });
  await page.getByRole("button", { name: "Preview import" }).click();
  await expect(page.getByRole("heading", { name: "Preview of hris.csv" })).toBeVisible();

  await page.getByRole("button", { name: /^Confirm import of 2 changes/ }).click();
  await expect(page).toHaveURL(/\/hr\/import\?job=[0-9a-f-]{36}$/);
  // Small files finish before the first look; big ones show "Importing hris.csv" with a progress bar until then.
  await expect(page.getByRole("status")).toContainText("Imported hris.csv: 2 created, 0 updated, 0 unchanged");
  await expect(page.getByRole("link", { name: "See people" })).toBeVisible();
});
