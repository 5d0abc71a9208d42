import { expect, signIn, test } from "./utils";

// A learner of the demo's earlier cohort; this spec only reads.
const LEARNER = "kemi.adeyemi@baton.test";

test("every page runs only scripts with its own nonce, and signed-in pages are never cached", async ({ page }) => {
  const login = await page.goto("/login");
  const csp = login!.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("'strict-dynamic'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("unsafe-eval");
  // A new nonce on every response.
  const again = await page.request.get("/login");
  expect(again.headers()["content-security-policy"]).not.toContain(nonce!);

  await signIn(page, LEARNER);
  // A lesson with a scenario: the body is rendered from data, so it works without eval (a CSP violation would
  // show as a console error, which fails the test).
  const lesson = await page.goto("/learn/internal-customer-service/covering-for-each-other");
  expect(lesson!.headers()["cache-control"]).toBe("no-store");
  expect(lesson!.headers()["content-security-policy"]).toContain("'nonce-");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const data = await page.request.get("/learn.data");
  expect(data.headers()["cache-control"]).toBe("no-store");
});
