import type { Page } from "@playwright/test";
import { DEMO, expect, expectNoSeriousA11yViolations, signIn, test } from "./utils";

const SIZES = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 800 },
] as const;

const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test("My learning offers one Continue button, visible at once, that opens the lesson it names", async ({ page }) => {
      await signIn(page, DEMO.newHire);
      await page.goto("/learn");
      expect(await fitsWidth(page)).toBe(true);

      const card = page.getByRole("region", { name: /Your next step|Pick up where you left off/ });
      const button = card.getByRole("link", { name: /^Continue: / });
      await expect(button).toHaveCount(1);
      await expect(button).toBeInViewport();
      // The one primary action: every other course's button is outlined.
      await expect(page.getByRole("link", { name: /^Continue: / })).toHaveCount(1);
      await expect(card).toContainText(/Required|Optional/);
      await expect(card).toContainText(/min left/);

      // Each curriculum shows its progress in courses.
      const bars = page.getByRole("progressbar", { name: /progress$/ });
      await expect(bars.first()).toBeVisible();
      await expect(page.getByText(/^\d+ of \d+ courses done$/).first()).toBeVisible();
      // Due dates are words, with the exact day kept for hover and screen readers.
      const due = page.locator("time[title^='Due ']").first();
      await expect(due).toHaveText(/^(due (today|tomorrow|\w+day|in \d+ days|\d+ \w{3}( \d{4})?)|\d+ days? overdue) \(Due \d+ \w{3} \d{4}\)$/);
      await expectNoSeriousA11yViolations(page);

      const lessonTitle = (await button.innerText()).replace(/^Continue: /, "").trim();
      const href = await button.getAttribute("href");
      await button.click();
      await expect(page).toHaveURL(new RegExp(`${href}$`));
      await expect(page.getByRole("heading", { level: 1, name: lessonTitle })).toBeVisible();
      expect(await fitsWidth(page)).toBe(true);
    });

    test("a course page says whether it is required, when it is due and how far along, with its button at the top", async ({ page }) => {
      await signIn(page, DEMO.newHire);
      await page.goto("/learn");
      const href = await page.getByRole("link", { name: /^Continue: / }).getAttribute("href");
      const coursePath = href!.split("/").slice(0, 3).join("/");
      await page.goto(coursePath);
      expect(await fitsWidth(page)).toBe(true);

      const header = page.getByRole("region", { name: "Your progress in this course" });
      await expect(header).toContainText(/Required|Optional/);
      await expect(header).toContainText(/\d+ of \d+ lessons done/);
      await expect(header).toContainText(/min left/);
      if ((await header.innerText()).includes("Required")) {
        await expect(header.locator("time")).toHaveAttribute("title", /^Due \d+ \w{3} \d{4}$/);
      }
      const button = header.getByRole("link", { name: /^(Start the course|Resume where you left off)/ });
      await expect(button).toBeInViewport();
      // Named by what it does, described by the lesson it opens.
      const described = (await button.innerText()).match(/Lesson \d+: (.+)$/m);
      const named = described?.[1]?.trim();
      expect(named).toBeTruthy();
      await expect(button).toHaveAccessibleDescription(described![0].trim());
      await expectNoSeriousA11yViolations(page);

      await button.click();
      await expect(page.getByRole("heading", { level: 1, name: named! })).toBeVisible();
      expect(await fitsWidth(page)).toBe(true);
      await expectNoSeriousA11yViolations(page);
    });

    test("the learner's other pages fit the screen too", async ({ page }) => {
      await signIn(page, DEMO.newHire);
      for (const path of ["/stories", "/notifications", "/account", "/account/notifications", "/learn/service-recovery"]) {
        await page.goto(path);
        expect(await fitsWidth(page), `${path} is wider than the screen`).toBe(true);
      }
    });
  });
}
