import type { Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, signIn, signOut, test } from "./utils";

// Will Harper (an earlier cohort, prisma/demo-cohort.ts) has done everything but his observed hand-off; his
// manager is Daniel Osei (manager3).
const LEARNER = "will.harper@baton.test";
const MANAGER = "manager3@baton.test";
const LESSON = "/learn/internal-customer-service/a-hand-off-observed";

async function reviewWill(page: Page) {
  await signIn(page, MANAGER);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /My team\s*\d+ to sign off/ })).toBeVisible();
  const queue = page.getByRole("region", { name: /To sign off/ });
  await queue.getByRole("link", { name: /Review Hand a real piece of work to a colleague by Will Harper/ }).click();
}

test("practice: submitted, returned with notes, submitted again, signed off — and the learner becomes Ready", async ({ page, consoleGuard }) => {
  consoleGuard.allowStatus(400);
  await signIn(page, "hr@baton.test");
  await page.goto("/hr/readiness?department=Customer+Support");
  await expect(page.getByRole("row", { name: /Will Harper/ })).not.toContainText("Ready");
  await signOut(page);

  await signIn(page, LEARNER);
  await page.goto(LESSON);
  await expect(page.getByRole("heading", { name: "Hand a real piece of work to a colleague" })).toBeVisible();
  await expect(page.getByText("The sender checked that the receiver had it and understood it")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("What you did (for your observer)").fill("Passed the Ortiz refund to Billing with a summary <b>and</b> the deadline.");
  await page.getByRole("button", { name: "Ready for observation" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Waiting for sign-off since/ })).toBeVisible();
  await signOut(page);

  await reviewWill(page);
  await expect(page.getByText("Passed the Ortiz refund to Billing with a summary <b>and</b> the deadline.")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("button", { name: "Return with notes" }).click();
  await expect(page.getByText("Say what to work on: the learner sees these notes.")).toBeVisible();
  await page.getByLabel("The note says what the work is and what has already been done").check();
  await page.getByLabel(/Comment/).fill("Billing did not know who the customer's contact was. Add it next time.");
  await page.getByRole("button", { name: "Return with notes" }).click();
  await expect(page.getByText("Returned with your notes.")).toBeVisible();
  await signOut(page);

  await signIn(page, LEARNER);
  await page.goto(LESSON);
  await expect(page.getByText("What to work on: Billing did not know who the customer's contact was. Add it next time.")).toBeVisible();
  await page.getByLabel("What you did (for your observer)").fill("Handed the Ortiz follow-up to Sam, with the contact and deadline, and checked he had it.");
  await page.getByRole("button", { name: "Ready for observation again" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Waiting for sign-off since/ })).toBeVisible();
  await signOut(page);

  await reviewWill(page);
  await expect(page.getByRole("region", { name: "Earlier submissions" })).toContainText("returned by Daniel Osei");
  for (const box of await page.getByRole("checkbox").all()) await box.check();
  await page.getByRole("button", { name: "Sign off" }).click();
  await expect(page.getByText("Signed off. The lesson is complete for them.")).toBeVisible();
  await page.goto("/team");
  await expect(page.getByRole("row", { name: /Will Harper/ })).toContainText("Ready");
  await signOut(page);

  await signIn(page, LEARNER);
  await page.goto(LESSON);
  await expect(page.getByText("✓ Signed off: this lesson is complete.")).toBeVisible();
});

test("HR sees sign-offs stuck for more than a week, by manager, on the readiness report", async ({ page }) => {
  await signIn(page, "hr@baton.test");
  await page.goto("/hr/readiness");
  const stale = page.getByRole("region", { name: /Sign-offs waiting more than 7 days/ });
  await expect(stale.getByRole("row", { name: /Daniel Osei/ })).toBeVisible();
  await expect(stale.getByRole("row", { name: /Hana Reyes/ })).toBeVisible();
  await stale.getByRole("link", { name: "See every waiting sign-off" }).click();
  await expect(page.getByRole("link", { name: /Review .* by Zoe Fontaine/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
