import type { Page } from "@playwright/test";
import { DEMO, expect, expectNoSeriousA11yViolations, signIn, test } from "./utils";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const SIZES = [
  ["phone", PHONE],
  ["desktop", DESKTOP],
] as const;

/**
 * Nothing is wider than the screen. When something is, the failure names the widest offenders (tag, classes, text),
 * so the message says where to look.
 */
async function expectFitsScreen(page: Page, where: string) {
  const offenders = await page.evaluate(() => {
    if (document.documentElement.scrollWidth <= window.innerWidth) return [];
    const limit = window.innerWidth;
    const sticksOut = (el: Element | null) => el !== null && el.getBoundingClientRect().right > limit + 1;
    const scrolledInside = (el: Element) => {
      for (let up = el.parentElement; up; up = up.parentElement) if (getComputedStyle(up).overflowX !== "visible") return true;
      return false;
    };
    // Where the overflow starts: an element sticking out whose parent does not, outside any scrolling box.
    return [...document.querySelectorAll("body *")]
      .filter((el) => sticksOut(el) && !sticksOut(el.parentElement) && !scrolledInside(el))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.getAttribute("class") ?? "").slice(0, 60)} "${(el.textContent ?? "").trim().slice(0, 40)}"`);
  });
  // Soft: one run lists every page that overflows, not just the first.
  expect.soft(offenders, `${where} is wider than the screen (scrollWidth > innerWidth)`).toEqual([]);
  expect.soft(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), where).toBe(true);
}

/** The first link on the current page whose address starts with `prefix` (and is not one of `except`). */
async function firstLink(page: Page, prefix: string, except: RegExp = /^$/) {
  const hrefs = await page.locator(`main a[href^="${prefix}"]`).evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  return hrefs.find((h) => h !== prefix && !except.test(h)) ?? null;
}

/** Every HR page the demo has, the detail pages found by following the lists' first links. */
async function hrPages(page: Page) {
  const pages = [
    "/hr/readiness",
    "/hr/people",
    "/hr/signoffs?scope=all",
    "/hr/certificates",
    "/hr/courses",
    "/hr/outbox",
    "/hr/audit",
    "/hr/settings/audit",
    "/hr/settings/notifications",
    "/hr/integrations",
    "/hr/integrations/sso",
    "/hr/integrations/tokens",
    "/hr/integrations/webhooks",
    "/hr/integrations/xapi",
    "/hr/integrations/export",
    "/hr/stories",
    "/feedback",
    "/notifications",
    "/account",
    "/account/notifications",
  ];
  const details: string[] = [];
  const follow = async (list: string, prefix: string, except?: RegExp) => {
    await page.goto(list);
    const href = await firstLink(page, prefix, except);
    if (href) details.push(href);
    return href;
  };
  expect(await follow("/hr/readiness", "/hr/readiness/", /\.csv/)).toBeTruthy();
  expect(await follow("/hr/people", "/hr/people/", /\/new$/)).toBeTruthy();
  const course = await follow("/hr/courses", "/hr/courses/");
  expect(course).toBeTruthy();
  await follow(course!, `${course}/preview/`);
  expect(await follow("/feedback", "/feedback/")).toBeTruthy();
  await follow("/hr/signoffs?scope=all", "/practice/");
  return [...pages, ...details];
}

async function managerPages(page: Page) {
  const pages = ["/team", "/feedback", "/notifications", "/account", "/account/notifications"];
  await page.goto("/team");
  const member = await firstLink(page, "/team/");
  expect(member).toBeTruthy();
  const practice = await firstLink(page, "/practice/");
  return [...pages, member!, ...(practice ? [practice] : [])];
}

for (const [who, email, list] of [
  ["HR", DEMO.hr, hrPages],
  ["a manager", DEMO.manager, managerPages],
] as const) {
  test(`every page ${who} opens fits a 390 px phone and a 1280 px screen`, async ({ page }) => {
    test.setTimeout(180_000);
    await signIn(page, email);
    const pages = await list(page);
    for (const [size, viewport] of SIZES) {
      await page.setViewportSize(viewport);
      for (const path of pages) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        await expectFitsScreen(page, `${path} on a ${size}`);
      }
    }
  });
}

test("the main HR and manager pages have no serious accessibility violations on a phone or a desktop", async ({ page }) => {
  test.setTimeout(120_000);
  for (const [email, paths] of [
    [DEMO.hr, ["/hr/readiness", "/hr/people"]],
    [DEMO.manager, ["/team"]],
  ] as const) {
    await page.context().clearCookies();
    await signIn(page, email);
    for (const [size, viewport] of SIZES) {
      await page.setViewportSize(viewport);
      for (const path of paths) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 }), `${path} on a ${size}`).toBeVisible();
        await expectNoSeriousA11yViolations(page);
      }
    }
  }
});

test("on a phone the readiness report's filters sit in a panel that opens, filters, and the people shown change", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page, DEMO.hr);
  await page.goto("/hr/readiness");
  const department = page.getByRole("combobox", { name: "Department" });
  // Closed on a phone, so the report starts near the top of the screen.
  await expect(department).toBeHidden();
  const people = page.locator("table").last().locator("tbody tr td:first-child a");
  const before = await people.allTextContents();

  await page.getByText("Filters", { exact: true }).click();
  await expect(department).toBeVisible();
  await department.selectOption("Warehouse");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/department=Warehouse/);
  // The URL changes before React has rendered the new rows, so wait for the rows themselves.
  await expect.poll(async () => (await people.allTextContents()).sort()).not.toEqual([...before].sort());
  const after = await people.allTextContents();
  expect(after.length).toBeGreaterThan(0);
  expect(after).toContain("Kofi Mensah");
  // A chosen filter is worth seeing: the panel says how many are on.
  await expect(page.getByText("Filters (1 on)")).toBeVisible();
  await expectFitsScreen(page, "the filtered report on a phone");

  // A row of the people table reads as a card, each value under its column's name.
  const firstRow = page.locator("table").last().locator("tbody tr").first();
  expect(await firstRow.evaluate((tr) => getComputedStyle(tr).display)).toBe("grid");
  const state = firstRow.getByRole("cell").nth(1);
  await expect(state).toHaveAttribute("data-label", "State and reasons");
  expect(await state.evaluate((td) => getComputedStyle(td, "::before").content)).toBe('"State and reasons"');
  await page.setViewportSize(DESKTOP);
  await expect(department).toBeVisible();
  expect(await firstRow.evaluate((tr) => getComputedStyle(tr).display)).toBe("table-row");
});
