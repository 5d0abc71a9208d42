import { linkIn, waitForMail } from "./mail";
import { expect, expectNoSeriousA11yViolations, signIn, submitSignIn, test } from "./utils";

// People of the demo's past cohort that no other spec signs in as.
const FORGETFUL = "hugo.lambert@baton.test";
const MANAGER = "manager3@baton.test"; // Daniel Osei, the past cohort's manager
const REMINDED = { email: "gita.sharma@baton.test", name: "Gita Sharma" };

test("forgot password: the e-mail arrives, its link sets a new password once, and the new password signs in", async ({ page, consoleGuard }) => {
  consoleGuard.allowStatus(404);
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();

  // The answer for an address nobody has is word for word the same.
  await page.getByLabel("Email").fill("nobody-at-all@baton.test");
  await page.getByRole("button", { name: "Send the link" }).click();
  const answer = page.getByRole("status").filter({ hasText: "If that address belongs to an account" });
  await expect(answer).toBeVisible();
  const unknownText = await answer.textContent();

  await page.getByLabel("Email").fill(FORGETFUL);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(answer).toHaveText(unknownText!);

  const mail = await waitForMail(FORGETFUL, { subject: /Reset your Baton password/ });
  const link = linkIn(mail, "/invite/");
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Choose a new password, Hugo Lambert" })).toBeVisible();
  await page.getByLabel("Password", { exact: true }).fill("quiet harbour lantern 7");
  await page.getByLabel("Repeat the password").fill("quiet harbour lantern 7");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page).toHaveURL(/\/login\?welcome=1$/);

  await submitSignIn(page, FORGETFUL, "quiet harbour lantern 7");
  await expect(page).toHaveURL(/\/learn$/);

  // The link worked once.
  consoleGuard.allowStatus(410);
  await page.goto(link);
  await expect(page.getByText("This link was already used to choose a new password.")).toBeVisible();
});

test("a manager presses Remind; the learner's bell shows it until they read it", async ({ page, browser, consoleGuard }) => {
  await signIn(page, REMINDED.email);
  const bell = page.getByRole("link", { name: /^Notifications/ });
  const unreadOf = async () => Number(/(\d+) unread/.exec((await bell.getAttribute("aria-label")) ?? "")?.[1] ?? 0);
  const before = await unreadOf();

  const managerContext = await browser.newContext();
  const manager = await managerContext.newPage();
  consoleGuard.watch(manager);
  try {
    await signIn(manager, MANAGER);
    await manager.goto("/team");
    await manager.getByRole("link", { name: REMINDED.name }).first().click();
    await manager.getByLabel("A short note (optional)").fill("Ten minutes on the hand-off lesson this week?");
    await manager.getByRole("button", { name: "Remind Gita" }).click();
    await expect(manager.getByText("Reminder sent to Gita Sharma")).toBeVisible();
    // Once a day at most.
    await manager.getByRole("button", { name: "Remind Gita" }).click();
    await expect(manager.getByText(/Gita Sharma was already reminded today/)).toBeVisible();
  } finally {
    await managerContext.close();
  }

  await page.reload();
  await expect(bell).toHaveAttribute("aria-label", `Notifications, ${before + 1} unread`);
  await bell.click();
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await expect(page.getByText("A reminder from Daniel Osei").first()).toBeVisible();
  await expect(page.getByText("Ten minutes on the hand-off lesson this week?").first()).toBeVisible();
  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(bell).toHaveAttribute("aria-label", "Notifications");
  await expect(page.getByRole("link", { name: /^Notifications, \d+ unread/ })).toHaveCount(0);
});

test("HR sees the reset e-mail in the Outbox as sent; the notification pages are accessible", async ({ page }) => {
  await signIn(page, "hr@baton.test");
  await page.getByRole("link", { name: "Outbox" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Outbox" })).toBeVisible();
  await expect(page.getByText("smtp://127.0.0.1:3925")).toBeVisible();
  await page.getByRole("link", { name: /^Sent/ }).click();
  const row = page.getByRole("row").filter({ hasText: FORGETFUL }).filter({ hasText: "Reset your Baton password" });
  await expect(row.first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("link", { name: "Notification settings" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.goto("/notifications");
  await expectNoSeriousA11yViolations(page);
  await page.goto("/account/notifications");
  await expectNoSeriousA11yViolations(page);
});
