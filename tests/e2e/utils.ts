import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "baton-demo";

export const DEMO = {
  hr: "hr@baton.test",
  manager: "manager@baton.test",
  manager2: "manager2@baton.test",
  newHire: "newhire@baton.test",
} as const;

/**
 * Chromium logs "Failed to load resource: … status of 403" whenever a document or a fetch answers with an error
 * status, even when the page then shows our friendly message. 403 and 404 pages are expected; a test that
 * provokes another status on purpose (a 401 for a wrong password, a 400 for a form error) declares it with
 * `consoleGuard.allowStatus(401)`. Every other console error, and every uncaught exception, fails the test.
 */
export type ConsoleGuard = { allowStatus(...statuses: number[]): void; watch(page: Page): void };

export const test = base.extend<{ consoleGuard: ConsoleGuard }>({
  consoleGuard: [
    async ({ page }, use) => {
      const allowed = new Set([403, 404]);
      const errors: string[] = [];
      const watch = (p: Page) => {
        p.on("console", (message) => {
          if (message.type() !== "error") return;
          const text = message.text();
          const status = /^Failed to load resource: the server responded with a status of (\d{3})\b/.exec(text)?.[1];
          if (status && allowed.has(Number(status))) return;
          errors.push(text);
        });
        p.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
      };
      watch(page);
      await use({ allowStatus: (...statuses) => statuses.forEach((s) => allowed.add(s)), watch });
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
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
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

/** axe on the page as it is now: no serious or critical violation. */
export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}
