import type { Page } from "@playwright/test";
import { DEMO, expect, expectNoSeriousA11yViolations, signIn, test } from "./utils";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const HR_NAME = "Hana Reyes";

async function fitsTheScreen(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

/** HR adds a person through the form and lands on their page. */
async function addPerson(page: Page, name: string) {
  await page.goto("/hr/people/new");
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Email").fill(`${name.toLowerCase().replaceAll(" ", ".")}.${Date.now()}@baton.test`);
  await page.getByLabel("Start date").fill("2027-01-04");
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

async function sendInvitation(page: Page) {
  await page.getByRole("button", { name: "Send an invitation" }).click();
  const box = page.getByLabel("Invitation link");
  await expect(box).toBeVisible();
  const link = await box.inputValue();
  // The next click must not read the same box before the page has answered again.
  await page.reload();
  return link;
}

for (const [size, viewport] of [
  ["phone", PHONE],
  ["desktop", DESKTOP],
] as const) {
  test(`on a ${size}, the import and new-person forms fit and "Add person" comes after the fields`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await signIn(page, DEMO.hr);
    await page.goto("/hr/people/new");
    await fitsTheScreen(page);
    const startDate = await page.getByLabel("Start date").boundingBox();
    const submit = await page.getByRole("button", { name: "Add person" }).boundingBox();
    // Its own row: below the last field, not beside it.
    expect(submit!.y).toBeGreaterThan(startDate!.y + startDate!.height);

    await page.goto("/hr/import");
    await fitsTheScreen(page);
    const file = page.getByLabel("File", { exact: true });
    await expect(file).toBeVisible();
    const box = await file.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
    await expectNoSeriousA11yViolations(page);

    // With a file chosen, the preview and its column choices fit as well.
    const csv = ["email,name,department,start date", `fit.${size}@e2e-fit.test,Fit Test,Front Desk,2027-01-04`, ""].join("\n");
    await file.setInputFiles({ name: "fit.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Preview import" }).click();
    await expect(page.getByRole("heading", { name: "Preview of fit.csv" })).toBeVisible();
    await fitsTheScreen(page);
  });

  test(`on a ${size}, Deactivate asks first and names the person; Cancel leaves them active`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const name = size === "phone" ? "Dora Phone" : "Dora Desk";
    await signIn(page, DEMO.hr);
    await addPerson(page, name);

    await page.getByRole("button", { name: "Deactivate", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: `Deactivate ${name}?` });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(`${name} will be signed out everywhere and cannot sign in`);
    await expectNoSeriousA11yViolations(page);
    await fitsTheScreen(page);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    await page.reload();
    await expect(page.getByText(/^Deactivated /)).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Deactivate", exact: true })).toBeVisible();

    // Escape closes it too; then the yes does it.
    await page.getByRole("button", { name: "Deactivate", exact: true }).click();
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await page.getByRole("button", { name: "Deactivate", exact: true }).click();
    await dialog.getByRole("button", { name: `Deactivate ${name}` }).click();
    await expect(page.getByRole("status").filter({ hasText: "Deactivated. Their sessions have ended" })).toBeVisible();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("button", { name: "Reactivate" })).toBeVisible();
  });
}

test("ending a person's sessions asks first and says how many", async ({ page }) => {
  await signIn(page, DEMO.hr);
  await addPerson(page, "Eli Sessions");
  await page.getByRole("button", { name: "End all sessions" }).click();
  const dialog = page.getByRole("dialog", { name: "Sign Eli Sessions out everywhere?" });
  await expect(dialog).toContainText("0 active sessions");
  await dialog.getByRole("button", { name: "End all sessions now" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Ended 0 sessions." })).toBeVisible();
});

test("an invitation link that was replaced or used says why, with a way to sign in and someone to ask", async ({ page, browser, consoleGuard }) => {
  consoleGuard.allowStatus(410);
  await signIn(page, DEMO.hr);
  await addPerson(page, "Uma Twice");
  const older = await sendInvitation(page);
  const newer = await sendInvitation(page);
  expect(older).not.toBe(newer);

  const theirs = await browser.newContext();
  const newcomer = await theirs.newPage();
  consoleGuard.watch(newcomer);
  try {
    // The first e-mail's link: replaced by the second.
    const replaced = await newcomer.goto(older);
    expect(replaced?.status()).toBe(410);
    await expect(newcomer.getByRole("heading", { level: 1, name: "This link no longer works" })).toBeVisible();
    await expect(newcomer.getByText("A newer link was sent to you after this one")).toBeVisible();
    await expect(newcomer.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/login");
    const ask = newcomer.getByRole("link", { name: `Ask ${HR_NAME} (HR) for a new link` });
    await expect(ask).toHaveAttribute("href", new RegExp(`^mailto:${DEMO.hr}\\?subject=`));
    await expectNoSeriousA11yViolations(newcomer);
    await newcomer.setViewportSize(PHONE);
    await fitsTheScreen(newcomer);
    await newcomer.setViewportSize(DESKTOP);

    // The newest link works once…
    await newcomer.goto(newer);
    await newcomer.getByLabel("Password", { exact: true }).fill("copper meadow lantern 5");
    await newcomer.getByLabel("Repeat the password").fill("copper meadow lantern 5");
    await newcomer.getByRole("button", { name: "Set password" }).click();
    await expect(newcomer).toHaveURL(/\/login\?welcome=1$/);

    // …then says it was used, and points to signing in or a new password.
    const used = await newcomer.goto(newer);
    expect(used?.status()).toBe(410);
    await expect(newcomer.getByText("This link was already used to set your password. Sign in with that password.")).toBeVisible();
    await expect(newcomer.getByRole("link", { name: "Forgot your password?" })).toBeVisible();
    await newcomer.getByRole("link", { name: "Sign in" }).click();
    await expect(newcomer).toHaveURL(/\/login$/);

    // A link nobody sent: a 404 that says only that.
    const unknown = await newcomer.goto("/invite/not-a-real-link");
    expect(unknown?.status()).toBe(404);
    await expect(newcomer.getByRole("heading", { level: 1, name: "We do not recognise this link" })).toBeVisible();
  } finally {
    await theirs.close();
  }
});

test("signing out everywhere else and turning off the calendar link ask first; the account forms fit a phone", async ({ page, browser }) => {
  // A second browser signed in as the same person, so there is somewhere else to sign out of.
  const other = await browser.newContext();
  try {
    await signIn(await other.newPage(), DEMO.manager2);
    await signIn(page, DEMO.manager2);
    await page.setViewportSize(PHONE);
    await page.goto("/account");
    await fitsTheScreen(page);

    await page.getByRole("button", { name: "Sign out everywhere else" }).click();
    const dialog = page.getByRole("dialog", { name: "Sign out everywhere else?" });
    await expect(dialog).toContainText("this one stays signed in");
    await fitsTheScreen(page);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByText("You are not signed in anywhere else.")).toHaveCount(0);
    await page.getByRole("button", { name: "Sign out everywhere else" }).click();
    await dialog.getByRole("button", { name: /^Sign out (the other browser|\d+ browsers)$/ }).click();
    await expect(page.getByText("You are not signed in anywhere else.")).toBeVisible();

    await page.getByRole("button", { name: "Make a calendar link" }).click();
    await expect(page.getByText("Your new link is ready.")).toBeVisible();
    await page.getByRole("button", { name: "Turn off" }).click();
    const turnOff = page.getByRole("dialog", { name: "Turn off your calendar link?" });
    await expect(turnOff).toContainText("stop updating");
    await expectNoSeriousA11yViolations(page);
    await turnOff.getByRole("button", { name: "Turn off the link" }).click();
    await expect(page.getByText("Your calendar link is turned off.")).toBeVisible();

    await page.context().clearCookies();
    await page.goto("/forgot-password");
    await fitsTheScreen(page);
  } finally {
    await other.close();
  }
});
