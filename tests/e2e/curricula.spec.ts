import { DEMO, expect, expectNoSeriousA11yViolations, signIn, submitSignIn, test } from "./utils";

const DEPARTMENT = "Guest Relations";
const FIRST = "What a service culture is";
const SECOND = "Internal customer service";

// Start today: the courses are due 14 days from now, so nothing is overdue yet.
const today = new Date();
const startDate = today.toISOString().slice(0, 10);
const due = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 14));
const dueText = due.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

const csv = (managerOfPia: string) =>
  [
    "Email;Name;Department;Job Title;Manager Email;Start Date",
    `olu.ade@baton.test;Olu Ade;${DEPARTMENT};Guest Relations Agent;${DEMO.manager};${startDate}`,
    `pia.kim@baton.test;Pia Kim;${DEPARTMENT};Guest Relations Agent;${managerOfPia};${startDate}`,
  ].join("\r\n") + "\r\n";

const file = (text: string) => ({ name: "hris-export.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${text}`, "utf8") });

test("HR imports new hires, builds a curriculum, assigns it to their department, and a new hire sees it with due dates", async ({
  page,
  browser,
  consoleGuard,
}) => {
  consoleGuard.allowStatus(400); // the preview of a file with a bad row, and a rule that matches nobody, answer 400
  await signIn(page, DEMO.hr);

  // 1. Import a file with a mistake: the preview names the line and the reason, and nothing is imported.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Import" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import people" })).toBeVisible();
  await page.getByLabel("File", { exact: true }).setInputFiles(file(csv("nobody@baton.test")));
  await page.getByRole("button", { name: "Preview import" }).click();
  const problems = page.getByRole("table", { name: "Rows to fix" });
  await expect(problems.getByRole("row", { name: /^3 Unknown manager nobody@baton\.test: they are neither in this file nor in Baton\.$/ })).toBeVisible();
  await expect(
    page.getByText("1 problem to fix. Choose other columns or the date order above, or correct the file and upload it again: nothing has been imported."),
  ).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await expect(page.getByRole("button", { name: /Confirm import/ })).toHaveCount(0);

  // 2. Fix the file, preview again, confirm.
  await page.getByLabel("File", { exact: true }).setInputFiles(file(csv(DEMO.manager)));
  await page.getByRole("button", { name: "Preview import" }).click();
  await expect(page.getByText("2 rows: 2 to create, 0 to update, 0 unchanged.")).toBeVisible();
  await expect(problems).toHaveCount(0);
  await page.getByRole("button", { name: "Confirm import of 2 changes" }).click();
  await expect(page.getByText(/Imported hris-export\.csv: 2 created, 0 updated, 0 unchanged/)).toBeVisible();

  // 3. Build a curriculum: two required courses, in order, due 14 days after each person's start date.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Curricula" }).click();
  await page.getByRole("link", { name: "New curriculum" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Guest relations onboarding");
  await page.getByLabel("Description").fill("Your first two weeks.");
  await page.getByLabel("Take the courses in order").check();
  await page.getByLabel("Grace period (days)").fill("5");
  await page.getByLabel("Curriculum: due rule").selectOption("days");
  await page.getByLabel("Curriculum: days after start date").fill("14");
  const search = page.getByRole("searchbox", { name: "Add course" });
  await search.fill("service culture");
  await page.getByRole("button", { name: `Add ${FIRST}` }).click();
  await search.fill("internal");
  await page.getByRole("button", { name: `Add ${SECOND}` }).click();
  await expect(page.getByRole("list", { name: "Courses in this curriculum" }).getByRole("listitem")).toHaveText([
    new RegExp(`1\\.${FIRST}`),
    new RegExp(`2\\.${SECOND}`),
  ]);
  await page.getByRole("button", { name: "Create curriculum" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Guest relations onboarding" })).toBeVisible();
  await expect(page.getByText("Curriculum created. Now assign it below.")).toBeVisible();
  await expect(page.getByText("Grace period: 5 days after someone receives it")).toBeVisible();

  // 4. A misspelt department is refused with the closest one, not accepted to assign nobody.
  await page.getByLabel("Department", { exact: true }).fill("Guest Relatons");
  await page.getByRole("button", { name: "Assign to department" }).click();
  await expect(page.getByText(`Nobody matches “Guest Relatons” yet — did you mean ${DEPARTMENT}?`)).toBeVisible();
  await expect(page.getByLabel("Assign anyway: people who join with this department later will receive it")).not.toBeChecked();

  // Assign it to the department: both imported people match, and so will anyone who joins it later.
  await page.getByLabel("Department", { exact: true }).fill(DEPARTMENT);
  await page.getByRole("button", { name: "Assign to department" }).click();
  await expect(
    page.getByText(`Assigned Guest relations onboarding by “Department: ${DEPARTMENT}”: 2 people now, and everyone who matches later.`),
  ).toBeVisible();
  await expect(page.getByRole("table").getByRole("link", { name: "Olu Ade" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // 5. HR invites Olu, who sets a password and signs in.
  await page.getByRole("table").getByRole("link", { name: "Olu Ade" }).click();
  await page.getByRole("button", { name: "Send an invitation" }).click();
  const link = await page.getByLabel("Invitation link").inputValue();
  const theirs = await browser.newContext();
  const olu = await theirs.newPage();
  consoleGuard.watch(olu);
  try {
    await olu.goto(link);
    await olu.getByLabel("Password", { exact: true }).fill("harbour lantern maple");
    await olu.getByLabel("Repeat the password").fill("harbour lantern maple");
    await olu.getByRole("button", { name: "Set password" }).click();
    await expect(olu).toHaveURL(/\/login\?welcome=1$/);
    await submitSignIn(olu, "olu.ade@baton.test", "harbour lantern maple");
    await expect(olu).toHaveURL(/\/learn$/);

    // 6. My learning: the curriculum first, courses in order with due dates; the second waits for the first.
    const section = olu.getByRole("region", { name: "Guest relations onboarding" });
    await expect(section).toBeVisible();
    await expect(section.getByText("Your first two weeks.")).toBeVisible();
    const rows = section.getByRole("list", { name: "Guest relations onboarding courses" }).getByRole("listitem");
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText(FIRST);
    await expect(rows.nth(0)).toContainText(`Due ${dueText}`);
    await expect(rows.nth(0)).toContainText("Required");
    await expect(rows.nth(1)).toContainText(SECOND);
    await expect(rows.nth(1)).toContainText(`Due ${dueText}`);
    await expect(rows.nth(1)).toContainText(`Opens after “${FIRST}”`);
    await expect(olu.getByText("2 required courses to go.")).toBeVisible();
    await expectNoSeriousA11yViolations(olu);
    // The curriculum comes before the other courses.
    const headings = await olu.getByRole("heading", { level: 2 }).allTextContents();
    expect(headings).toContain("Guest relations onboarding");
    expect(headings.indexOf("Guest relations onboarding")).toBeLessThan(headings.indexOf("Other courses"));

    // The lock holds on the server too: opening the second course's first lesson directly is refused.
    const response = await olu.goto("/learn/internal-customer-service/colleagues-are-customers");
    expect(response?.status()).toBe(403);
    await expect(olu.getByRole("heading", { name: "This lesson is not open yet" })).toBeVisible();
    await expect(olu.getByText(`This course opens when you have finished “${FIRST}”`)).toBeVisible();
  } finally {
    await theirs.close();
  }
});
