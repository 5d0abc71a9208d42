import { expect, signIn, test } from "./utils";

// A learner the other specs leave alone: this one changes their progress.
const LEARNER = "ella.novak@baton.test";
const LESSON = "/learn/internal-customer-service/colleagues-are-customers";

test("a revisited lesson answers 304 until something it shows changes, and still works after", async ({ page, baseURL }) => {
  await signIn(page, LEARNER);

  const first = await page.request.get(LESSON);
  expect(first.status()).toBe(200);
  expect(first.headers()["cache-control"]).toBe("private, no-cache");
  const etag = first.headers()["etag"]!;
  expect(etag).toMatch(/^W\/"/);

  // Nothing changed: no body, and no new CSP (the stored page keeps the policy whose nonce is in its HTML).
  const again = await page.request.get(LESSON, { headers: { "If-None-Match": etag } });
  expect(again.status()).toBe(304);
  expect(await again.body()).toHaveLength(0);
  expect(again.headers()["content-security-policy"]).toBeUndefined();

  // Saving a note on the lesson changes what the page shows: the old tag no longer matches.
  const note = `Priya in finance needs the order number on every request (${Date.now()}).`;
  const saved = await page.request.post(LESSON, {
    form: { intent: "reflection", reflectionId: "one-internal-customer", text: note },
    headers: { Origin: baseURL! },
    maxRedirects: 0,
  });
  expect(saved.status()).toBeLessThan(400);
  const changed = await page.request.get(LESSON, { headers: { "If-None-Match": etag } });
  expect(changed.status()).toBe(200);
  expect(changed.headers()["etag"]).not.toBe(etag);
  expect(await changed.text()).toContain(note);

  // In the browser: the page, reloaded from its revalidated copy, is interactive (no CSP errors, client navigation works).
  await page.goto(LESSON);
  await page.reload();
  await expect(page.getByRole("textbox").filter({ hasText: note })).toBeVisible();
  await page.getByRole("link", { name: "My learning" }).first().click();
  await expect(page).toHaveURL(/\/learn$/);
  await expect(page.getByRole("heading", { name: "My learning" })).toBeVisible();
});
