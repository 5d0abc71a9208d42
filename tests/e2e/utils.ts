import { expect, test as base, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "baton-demo";

export const DEMO = {
  hr: "hr@baton.test",
  manager: "manager@baton.test",
  manager2: "manager2@baton.test",
  newHire: "newhire@baton.test",
} as const;

/**
 * Chromium logs "Failed to load resource: … status of 403/404" whenever a document answers with an error
 * status, even when the page shows our friendly error page. Those are expected; every other console error fails the test.
 */
const EXPECTED_CONSOLE_ERRORS = [/^Failed to load resource: the server responded with a status of (403|404)\b/];

/** The usual Playwright `test`, failing any test whose page logged an unexpected console error. */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() !== "error") return;
        const text = message.text();
        if (EXPECTED_CONSOLE_ERRORS.some((re) => re.test(text))) return;
        errors.push(text);
      });
      page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
      await use(errors);
      expect(errors, "console errors on the page").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Fill in and submit the sign-in form (from wherever /login is already open, or open it). */
export async function submitSignIn(page: Page, email: string, password = DEMO_PASSWORD) {
  if (!new URL(page.url(), "http://x").pathname.startsWith("/login")) await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Sign in and wait until the app has left the sign-in page. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await submitSignIn(page, email, password);
  await expect(page).not.toHaveURL(/\/login/);
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
}
