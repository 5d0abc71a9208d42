import { readFileSync } from "node:fs";
import { expect, expectNoSeriousA11yViolations, signIn, signOut, test, DEMO } from "./utils";

// Rana is one course from done in the demo: a quiz she ran out of attempts on. No other spec uses her.
const LEARNER = { email: "rana.haddad@baton.test", name: "Rana Haddad" };
const CURRICULUM = "Service essentials";

test("a learner completes a curriculum, downloads the certificate, and anyone can verify it", async ({ page }) => {
  // HR waives the one course left: the curriculum is complete, and the certificate is issued in that write.
  await signIn(page, DEMO.hr);
  await page.goto("/hr/readiness?department=Front+Desk");
  await page.getByRole("link", { name: LEARNER.name }).first().click();
  const waive = page.getByRole("form", { name: "Waive a required course" });
  await waive.getByLabel("Course").selectOption("service-recovery");
  await waive.getByLabel("Reason (kept in the history)").fill("Completed service recovery training at her last hotel.");
  await waive.getByRole("button", { name: "Waive a required course" }).click();
  await expect(page.getByRole("status").filter({ hasText: /waived/i })).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Certificates" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Certificates" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: LEARNER.name }).filter({ hasText: CURRICULUM })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await signOut(page);

  // The learner finds it on My learning, opens the completion screen and downloads the PDF.
  await signIn(page, LEARNER.email);
  const held = page.getByRole("region", { name: "Your certificates" });
  await held.getByRole("link", { name: CURRICULUM }).click();
  await expect(page.getByRole("heading", { level: 1, name: `You completed ${CURRICULUM}` })).toBeVisible();
  await expect(page.getByRole("heading", { name: "What comes next" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  const code = (await page.locator("dd.font-mono").textContent())?.trim() ?? "";
  expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download PDF" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`certificate-${code}.pdf`);
  expect(
    readFileSync((await file.path())!)
      .subarray(0, 5)
      .toString(),
  ).toBe("%PDF-");

  // The verification page, signed out: the QR code's address.
  await signOut(page);
  await page.goto(`/verify/${code.toLowerCase()}`);
  await expect(page.getByRole("heading", { level: 1, name: `Certificate ${code}` })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("Valid");
  await expect(page.getByText(LEARNER.name)).toBeVisible();
  await expect(page.getByText(CURRICULUM)).toBeVisible();
  await expect(page.getByText(LEARNER.email)).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  await page.goto("/verify/ABCD-EFGH-JKLM-NPQR");
  await expect(page.getByRole("heading", { level: 1, name: "No certificate has this code" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
