// Runs after the other specs that read the demo's Service recovery progress (files run in name order): applying the
// demo's pending version re-opens a lesson for everyone who completed it.
import { DEMO, expect, expectNoSeriousA11yViolations, signIn, signOut, test } from "./utils";

test("HR sees a pending material change and whom it re-opens, applies it, and a learner who completed the lesson is asked to review it", async ({ page }) => {
  await signIn(page, DEMO.hr);
  await page.goto("/hr/courses");
  await expect(page.getByText("Change pending in Service recovery")).toBeAttached();
  await page.getByRole("link", { name: /^Service recovery/ }).click();
  const pending = page.getByRole("table", { name: "What changed since the last applied version" });
  const apology = pending.getByRole("row", { name: /An apology that counts/ });
  await expect(apology).toContainText("Material");
  await expect(apology).toContainText("An apology now ends with what happens next");
  await expect(apology.getByRole("cell").last()).toHaveText(/^\d+ people$/);
  const people = Number((await apology.getByRole("cell").last().textContent())!.split(" ")[0]);
  expect(people).toBeGreaterThan(0);
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("button", { name: "Apply this version" }).click();
  await expect(page.getByText(`Version applied: 1 lesson re-opened for ${people} people, who have been told.`)).toBeVisible();
  const history = page.getByRole("table", { name: "Course versions applied, newest first" });
  await expect(history.getByRole("row").nth(1)).toContainText("Hana Reyes");
  await expect(history.getByRole("row").nth(1)).toContainText(`1 lesson for ${people} people`);
  await expect(page.getByRole("table", { name: "What changed since the last applied version" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  await signOut(page);

  await signIn(page, "ella.novak@baton.test");
  await page.goto("/learn/service-recovery");
  await expect(page.getByText(/^Changed on 20 Nov since you completed it: review it by \d+ \w{3}$/)).toBeVisible();
  await page.getByRole("link", { name: /An apology that counts/ }).click();
  await expect(page.getByText(/^Changed on 20 Nov since you completed it/)).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.goto("/notifications");
  await expect(page.getByText(/Service recovery/).first()).toBeVisible();
});

test("HR sees who is Expiring and why; the holder's certificate shows when it ends", async ({ page }) => {
  await signIn(page, DEMO.hr);
  await page.goto("/hr/readiness?state=EXPIRING");
  // Daniel also heads the sign-off bottleneck table: the report's row is the one with his department.
  const row = page.getByRole("row", { name: /^Daniel Osei Operations/ });
  await expect(row).toContainText("Expiring");
  await expect(row).toContainText("Certificate for Yearly service refresher expires on");
  await expectNoSeriousA11yViolations(page);
  await signOut(page);

  await signIn(page, "manager3@baton.test");
  await page.goto("/learn");
  await expect(page.getByText(/Yearly service refresher/).first()).toBeVisible();
  await expect(page.getByText(/Valid until \d+ \w+ \d{4}/).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
