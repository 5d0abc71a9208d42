import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { DEMO, expect, expectNoSeriousA11yViolations, signIn, signOut, test } from "./utils";

// The seed gives the demo organisation this look (prisma/demo-branding.ts); the first test puts it back at the end.
const SEEDED = { name: "Harbour Hotels", color: "#0f766e" };
const logo = { name: "harbour-logo.png", mimeType: "image/png", buffer: readFileSync(new URL("../../prisma/demo-assets/harbour-logo.png", import.meta.url)) };

const fitsTheScreen = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
const brandColour = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--color-brand-600").trim());

async function saveLook(page: Page, look: { name: string; color: string }) {
  await page.getByLabel("Organisation name").fill(look.name);
  await page.getByLabel("Primary colour", { exact: true }).fill(look.color);
  await page.getByRole("button", { name: "Save name and colour" }).click();
}

test("HR gives Baton the company's name, colour and logo: the header and the signed-out sign-in page show them", async ({ page, consoleGuard }) => {
  consoleGuard.allowStatus(400); // the colour that is too light is refused with 400
  await signIn(page, DEMO.hr);
  await page.goto("/hr/outbox");
  await page.getByRole("link", { name: "Branding" }).click();
  await expect(page.getByRole("heading", { name: "Branding", level: 1 })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // The preview says while typing whether white text is readable on the colour; the server refuses it anyway.
  await page.getByLabel("Primary colour", { exact: true }).fill("#7fb3ff");
  await expect(page.getByText("White text on #7fb3ff: 2.1:1")).toBeVisible();
  await expect(page.getByText(/too light; pick a darker colour/)).toBeVisible();
  await saveLook(page, { name: "Lighthouse Logistics", color: "#7fb3ff" });
  await expect(page.getByRole("alert")).toContainText("Nothing was saved: #7fb3ff has 2.1:1 against white; pick a darker colour (4.5:1 needed).");
  await expect(page.getByRole("banner").getByRole("link", { name: SEEDED.name })).toBeVisible();

  await saveLook(page, { name: "Lighthouse Logistics", color: "#7c2d12" });
  await expect(page.getByRole("status").filter({ hasText: "Name and colour saved." })).toBeVisible();
  await expect(page.getByRole("banner").getByRole("link", { name: "Lighthouse Logistics" })).toBeVisible();
  expect(await brandColour(page)).toBe("#7c2d12");

  // Remove the seeded logo, then upload one through the styled picker, with a preview before it is sent.
  await page.getByRole("button", { name: "Remove the logo" }).click();
  await expect(page.getByText("Logo removed")).toBeVisible();
  await expect(page.getByRole("banner").locator("img")).toHaveCount(0);
  await page.getByLabel("Upload a logo").setInputFiles(logo);
  await expect(page.getByRole("img", { name: "Preview of the chosen file" })).toBeVisible();
  await page.getByRole("button", { name: "Upload logo" }).click();
  await expect(page.getByText("Logo uploaded.")).toBeVisible();
  await expect(page.getByRole("img", { name: "Current logo" })).toBeVisible();
  const headerLogo = page.getByRole("banner").locator('img[src^="/brand/logo?v="]');
  await expect(headerLogo).toBeVisible();
  expect(await headerLogo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(96);

  // Signed out, the sign-in page is the company's.
  await signOut(page);
  await expect(page.getByRole("img", { name: "Lighthouse Logistics" })).toBeVisible();
  await expect(page.getByText("Lighthouse Logistics", { exact: true })).toBeVisible();
  expect(await brandColour(page)).toBe("#7c2d12");
  await expectNoSeriousA11yViolations(page);
  const served = await page.request.get((await page.getByRole("img", { name: "Lighthouse Logistics" }).getAttribute("src"))!);
  expect(served.headers()["content-type"]).toBe("image/png");
  expect(served.headers()["x-content-type-options"]).toBe("nosniff");
  expect(served.headers()["content-security-policy"]).toBe("default-src 'none'");

  // Back to the seeded look for the specs that follow.
  await signIn(page, DEMO.hr);
  await page.goto("/hr/settings/branding");
  await saveLook(page, SEEDED);
  await expect(page.getByRole("banner").getByRole("link", { name: SEEDED.name })).toBeVisible();
});

test("on a 390-pixel phone the navigation folds into a Menu; the bell stays; the desktop keeps its bar", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/login");
  await expect(page.getByRole("img", { name: "Harbour Hotels" })).toBeVisible();
  expect(await fitsTheScreen(page)).toBe(true);
  await signIn(page, DEMO.hr);
  await page.goto("/hr/settings/branding");
  const banner = page.getByRole("banner");
  const menu = banner.getByText("Menu", { exact: true });
  await expect(banner.getByRole("link", { name: "Notifications" })).toBeVisible();
  await expect(menu).toBeVisible();
  await expect(page.getByRole("link", { name: "People", exact: true })).toBeHidden();
  expect(await fitsTheScreen(page)).toBe(true);
  const headerHeight = await banner.evaluate((el) => el.getBoundingClientRect().height);
  expect(headerHeight).toBeLessThan(80); // one line, not eleven links wrapped

  await menu.click();
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const label of ["Readiness", "People", "Curricula", "Outbox", "Integrations", "My learning"])
    await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
  await expect(banner.getByRole("link", { name: /Hana Reyes/ })).toBeVisible();
  await expect(banner.getByRole("button", { name: "Sign out" })).toBeVisible();
  expect(await fitsTheScreen(page)).toBe(true);
  await expectNoSeriousA11yViolations(page);

  await nav.getByRole("link", { name: "People", exact: true }).click();
  await expect(page).toHaveURL(/\/hr\/people$/);
  await expect(page.getByRole("link", { name: "Readiness", exact: true })).toBeHidden(); // the menu closed behind the link

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/hr/settings/branding");
  await expect(banner.getByText("Menu", { exact: true })).toBeHidden();
  for (const label of ["Readiness", "People", "Integrations"]) await expect(banner.getByRole("link", { name: label, exact: true })).toBeVisible();
  await expect(banner.getByRole("link", { name: /Hana Reyes/ })).toBeVisible();
  await expect(banner.getByRole("button", { name: "Sign out" })).toBeVisible();
  expect(await fitsTheScreen(page)).toBe(true);
  await expectNoSeriousA11yViolations(page);
});
