import type { Page } from "@playwright/test";
import { DEMO, expect, expectNoSeriousA11yViolations, signIn, test } from "./utils";

const CULTURE = "What a service culture is";
const RECOVERY = "Service recovery: when things go wrong";
const INTERNAL = "Internal customer service";
const NAME = "Front desk essentials";

const courseList = (page: Page) => page.getByRole("list", { name: "Courses in this curriculum" }).getByRole("listitem");
const expectOrder = (page: Page, titles: string[]) => expect(courseList(page)).toHaveText(titles.map((t, i) => new RegExp(`${i + 1}\\.${t}`)));

async function expectFitsPhone(page: Page, path: string) {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${path} fits 390 px`).toBe(true);
  await expectNoSeriousA11yViolations(page);
}

test("HR builds a curriculum by mouse and keyboard; the order persists; archiving asks first and can be undone", async ({ page, consoleGuard }) => {
  consoleGuard.allowStatus(400); // the save refused for its missing name and date
  await signIn(page, DEMO.hr);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/hr/curricula/new");

  // Add three courses from the library search, by mouse: each goes to the end.
  const search = page.getByRole("searchbox", { name: "Add course" });
  for (const [words, title] of [
    ["culture", CULTURE],
    ["recovery", RECOVERY],
    ["internal", INTERNAL],
  ]) {
    await search.fill(words!);
    await page.getByRole("button", { name: `Add ${title}` }).click();
  }
  await expectOrder(page, [CULTURE, RECOVERY, INTERNAL]);
  // A course in the list is no longer offered.
  await search.fill("culture");
  await expect(page.getByRole("button", { name: `Add ${CULTURE}` })).toHaveCount(0);
  await search.fill("");

  // Drag the last course by its handle onto the top half of the first row: it becomes first.
  await page.locator('[data-drag-handle="internal-customer-service"]').dragTo(courseList(page).first(), { targetPosition: { x: 40, y: 4 } });
  await expectOrder(page, [INTERNAL, CULTURE, RECOVERY]);

  // Keyboard only: focus Move up on the last course and press Enter, then Space; focus stays on the button.
  const up = page.getByRole("button", { name: `Move up ${RECOVERY}` });
  await up.focus();
  await page.keyboard.press("Enter");
  await expectOrder(page, [INTERNAL, RECOVERY, CULTURE]);
  await expect(page.getByText(`Moved ${RECOVERY} to position 2 of 3.`)).toBeAttached();
  await expect(up).toBeFocused();
  await page.keyboard.press("Space");
  await expectOrder(page, [RECOVERY, INTERNAL, CULTURE]);
  await expect(page.getByText(`Moved ${RECOVERY} to position 1 of 3.`)).toBeAttached();
  await expect(up).toBeFocused();

  // An optional course has no due rule.
  await expect(page.getByLabel(`${CULTURE}: due rule`)).toBeVisible();
  await page.getByLabel(`${CULTURE} is required`).uncheck();
  await expect(page.getByLabel(`${CULTURE}: due rule`)).toBeHidden();

  // A due rule shows only the input its kind needs.
  await expect(page.getByLabel(`${RECOVERY}: days after start date`)).toBeHidden();
  await expect(page.getByLabel(`${RECOVERY}: fixed due date`)).toBeHidden();
  await page.getByLabel(`${RECOVERY}: due rule`).selectOption("date");
  await expect(page.getByLabel(`${RECOVERY}: fixed due date`)).toBeVisible();
  await expect(page.getByLabel(`${RECOVERY}: days after start date`)).toBeHidden();
  await page.getByLabel(`${RECOVERY}: due rule`).selectOption("days");
  await expect(page.getByLabel(`${RECOVERY}: days after start date`)).toBeVisible();
  await expect(page.getByLabel(`${RECOVERY}: fixed due date`)).toBeHidden();
  await page.getByLabel(`${RECOVERY}: due rule`).selectOption("date");

  // Saving without a name or the date: both errors show; each clears as its field is fixed.
  await page.getByRole("button", { name: "Create curriculum" }).click();
  const nameError = page.getByText("Give the curriculum a name.");
  const dateError = page.getByText("Use a date like 2026-03-31.");
  await expect(nameError).toBeVisible();
  await expect(dateError).toBeVisible();
  await expectOrder(page, [RECOVERY, INTERNAL, CULTURE]);
  await page.getByLabel("Name", { exact: true }).fill(NAME);
  await expect(nameError).toHaveCount(0);
  await expect(dateError).toBeVisible();
  await page.getByLabel(`${RECOVERY}: fixed due date`).fill("2027-03-31");
  await expect(dateError).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("button", { name: "Create curriculum" }).click();
  await expect(page.getByRole("heading", { level: 1, name: NAME })).toBeVisible();
  await page.reload();
  await expectOrder(page, [RECOVERY, INTERNAL, CULTURE]);
  await expect(page.getByLabel(`${CULTURE} is required`)).not.toBeChecked();
  await expect(page.getByLabel(`${CULTURE}: due rule`)).toBeHidden();
  await expect(page.getByLabel(`${RECOVERY}: fixed due date`)).toHaveValue("2027-03-31");
  await expectNoSeriousA11yViolations(page);
  const editPath = new URL(page.url()).pathname;

  // Phone: the list, the builder and the curriculum page fit 390 px.
  await expectFitsPhone(page, "/hr/curricula");
  await expectFitsPhone(page, "/hr/curricula/new");
  await expectFitsPhone(page, editPath);
  await page.setViewportSize({ width: 1280, height: 800 });

  // Unassigning asks first and names who loses what.
  await page.getByLabel("People, by email").fill(DEMO.newHire);
  await page.getByRole("button", { name: "Assign to these people" }).click();
  await page.getByRole("button", { name: "Unassign Nia Okafor" }).click();
  const unassign = page.getByRole("dialog", { name: "Unassign Nia Okafor?" });
  await expect(unassign).toContainText(`Nia Okafor loses ${NAME}`);
  await unassign.getByRole("button", { name: "Unassign Nia Okafor" }).click();
  await expect(page.getByText(`Unassigned ${NAME} from Nia Okafor.`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Unassign Nia Okafor" })).toHaveCount(0);

  // Archiving asks first and names the effect; cancelling changes nothing.
  await page.getByRole("button", { name: "Archive", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Archive ${NAME}?` });
  await expect(dialog).toContainText("assigns no one");
  await expectNoSeriousA11yViolations(page);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: "Archive", exact: true }).click();
  await dialog.getByRole("button", { name: `Archive ${NAME}` }).click();
  await expect(page.getByText(/^Archived\. It no longer counts/)).toBeVisible();

  // Archived curricula leave the list and wait under the Archived filter, restorable from their page.
  await page.goto("/hr/curricula");
  await expect(page.getByRole("link", { name: NAME })).toHaveCount(0);
  await page
    .getByRole("navigation", { name: "Show curricula" })
    .getByRole("link", { name: /^Archived/ })
    .click();
  await expect(page).toHaveURL(/\?show=archived$/);
  await page.getByRole("link", { name: NAME }).click();
  await page.getByRole("button", { name: "Restore" }).click();
  await expect(page.getByText("Restored.")).toBeVisible();
  await page.goto("/hr/curricula");
  await expect(page.getByRole("link", { name: NAME })).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the builder still works: add from a select, move with the buttons, choose a due rule, save", async ({ page }) => {
    await signIn(page, DEMO.hr);
    await page.goto("/hr/curricula/new");
    await page.getByLabel("Name", { exact: true }).fill("Built without scripts");
    for (const title of [CULTURE, RECOVERY]) {
      await page.getByLabel("Add course").selectOption({ label: title });
      await page.getByRole("button", { name: "Add course" }).click();
    }
    await expectOrder(page, [CULTURE, RECOVERY]);
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Built without scripts");
    await page.getByRole("button", { name: `Move up ${RECOVERY}` }).click();
    await expectOrder(page, [RECOVERY, CULTURE]);
    // The due rule's inputs follow the select through CSS alone.
    await page.getByLabel(`${RECOVERY}: due rule`).selectOption("days");
    await expect(page.getByLabel(`${RECOVERY}: days after start date`)).toBeVisible();
    await expect(page.getByLabel(`${RECOVERY}: fixed due date`)).toBeHidden();
    await page.getByLabel(`${RECOVERY}: days after start date`).fill("10");
    await page.getByRole("button", { name: "Create curriculum" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Built without scripts" })).toBeVisible();
    await expectOrder(page, [RECOVERY, CULTURE]);
    await expect(page.getByLabel(`${RECOVERY}: days after start date`)).toHaveValue("10");
  });
});
