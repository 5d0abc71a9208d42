import { expect, signIn, test } from "./utils";

// A learner of the demo's earlier cohort; this spec only reads.
const LEARNER = "kemi.adeyemi@baton.test";

test("every page runs only scripts with its own nonce, signed-in pages are never cached (learner pages only revalidated), and signing out empties the cache", async ({
  page,
  baseURL,
}) => {
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
  // A lesson with a scenario: the body arrives as HTML content:build rendered, its scenario as an island, so it
  // works without eval (a CSP violation would show as a console error, which fails the test).
  const lesson = await page.goto("/learn/internal-customer-service/covering-for-each-other");
  // Learner pages may be kept, but only to be revalidated on every visit (ETag, docs/decisions/014).
  expect(lesson!.headers()["cache-control"]).toBe("private, no-cache");
  expect(lesson!.headers()["content-security-policy"]).toContain("'nonce-");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // Every other page and its data: never kept.
  expect((await page.request.get("/notifications")).headers()["cache-control"]).toBe("no-store");
  const data = await page.request.get("/notifications.data");
  expect(data.headers()["cache-control"]).toBe("no-store");

  // Signing out empties the browser's cache of this site, revalidated learner pages included.
  const out = await page.request.post("/logout", { headers: { Origin: baseURL! }, maxRedirects: 0 });
  expect(out.status()).toBe(302);
  expect(out.headers()["clear-site-data"]).toBe('"cache"');
});

test("a lesson page carries its body as HTML, not compiled MDX or an element tree in its data", async ({ page }) => {
  await signIn(page, LEARNER);
  const lesson = await page.goto("/learn/internal-customer-service/covering-for-each-other");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // The scenario is an island: rendered by its component, with the option texts content:build made HTML.
  await expect(page.getByText(/^Scenario/).first()).toBeVisible();
  const html = await lesson!.text();
  expect(html).not.toMatch(/_jsx_runtime|_createMdxContent|MDXContent/);
  // The old element tree's marker (docs/decisions/012); the body is static HTML now (docs/decisions/015).
  expect(html).not.toContain("#fragment");
});
