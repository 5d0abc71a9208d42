import type { Page } from "@playwright/test";
import { startOidcProvider, type TestProvider } from "../setup/oidc-provider";
import { DEMO, DEMO_PASSWORD, expect, expectNoSeriousA11yViolations, test } from "./utils";

const PORT = Number(process.env.E2E_PORT ?? 3999);
const SLUG = "test-idp";
const NAME = "Test IdP";
const CALLBACK = `http://localhost:${PORT}/sso/${SLUG}/callback`;
// A demo learner other specs only sign in as: SSO adds a link and a session, nothing they look at.
const PERSON = { login: "maria", email: "maria.santos@baton.test" };

let op: TestProvider;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  op = await startOidcProvider({ redirectUris: [CALLBACK] });
  op.accounts.set(PERSON.login, { email: PERSON.email, email_verified: true, name: "Maria Santos" });
});

test.beforeEach(async ({ page }) => {
  // The provider's development login page asks Google for a font: machines running the tests may be offline.
  await page.route("https://fonts.googleapis.com/**", (route) => route.fulfill({ contentType: "text/css", body: "" }));
});

test.afterAll(async ({ browser }) => {
  // Later specs expect /login without our button: the provider goes, through its own page.
  const page = await browser.newPage();
  try {
    await passwordSignIn(page, DEMO.hr);
    await page.goto("/hr/integrations/sso");
    const link = page.getByRole("link", { name: NAME });
    if ((await link.count()) > 0) {
      await link.click();
      await page.getByRole("button", { name: `Delete ${NAME}` }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Delete the provider" }).click();
      await expect(page).toHaveURL(/\/hr\/integrations\/sso$/);
      await expect(page.getByRole("link", { name: NAME })).toHaveCount(0);
    }
  } finally {
    await page.close();
    await op?.close();
  }
});

/** The password form's own button: "Sign in with …" buttons sit beside it. */
async function passwordSignIn(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** From Baton's sign-in page through the provider's login form. */
async function signInAtProvider(page: Page) {
  await page.goto("/login");
  await page.getByRole("button", { name: `Sign in with ${NAME}` }).click();
  await expect(page).toHaveURL(new RegExp(`^${op.issuer}/interaction/`));
  await page.locator('input[name="login"]').fill(PERSON.login);
  await page.locator('input[name="password"]').fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

test("HR sets up a provider and a person signs in with it", async ({ page }) => {
  await passwordSignIn(page, DEMO.hr);
  await page.goto("/hr/integrations/sso");
  await expect(page.getByRole("heading", { level: 1, name: "Single sign-on" })).toBeVisible();
  await page.getByLabel("Name on the sign-in button").fill(NAME);
  await page.getByLabel("Short name").fill(SLUG);
  await page.getByLabel("Issuer URL").fill(op.issuer);
  await page.getByLabel("Client id").fill(op.clientId);
  await page.getByLabel("Client secret", { exact: true }).fill(op.clientSecret);
  await page.getByRole("button", { name: "Add provider" }).click();

  await expect(page.getByRole("heading", { level: 1, name: NAME })).toBeVisible();
  await expect(page.getByLabel("Redirect URI")).toHaveValue(CALLBACK);
  await expect(page.getByText("first sign-in: not yet")).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("button", { name: `Sign in with ${NAME}` })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await signInAtProvider(page);
  await expect(page).toHaveURL(/\/learn$/);
  await expect(page.getByRole("heading", { level: 1, name: "My learning" })).toBeVisible();
});

test("an ID token with another sign-in's nonce is refused", async ({ page }) => {
  await page.route(
    (url) => url.origin === op.issuer && url.pathname === "/auth",
    async (route) => {
      const url = new URL(route.request().url());
      url.searchParams.set("nonce", "a-nonce-baton-never-sent");
      await route.continue({ url: url.href });
    },
  );
  await signInAtProvider(page);
  await expect(page).toHaveURL(new RegExp(`/sso/${SLUG}/callback`));
  await expect(page.getByRole("heading", { name: "Sign-in did not work" })).toBeVisible();
  await expect(page.getByText("its nonce did not match")).toBeVisible();
  await page.getByRole("link", { name: "Back to sign in" }).click();
  await expect(page).toHaveURL(/\/login$/);
});

test("a code that expired before it came back is refused", async ({ page }) => {
  op.setCodeTtl(1);
  try {
    // The browser follows redirects without asking page.route, so the login form's POST is taken over: its two
    // redirects are followed here with the browser's cookies (the code is made at the second), and the redirect
    // carrying the code back to Baton is handed to the browser only after the code's lifetime.
    await page.route(
      (url) => url.origin === op.issuer && url.pathname.startsWith("/interaction/"),
      async (route) => {
        if (route.request().method() !== "POST") return route.continue();
        const submitted = await route.fetch({ maxRedirects: 0 });
        const resume = new URL(submitted.headers()["location"]!, op.issuer).href;
        const withCode = await page.context().request.get(resume, { maxRedirects: 0 });
        const back = withCode.headers()["location"]!;
        expect(back).toContain(`/sso/${SLUG}/callback?code=`);
        await new Promise((resolve) => setTimeout(resolve, 2_100));
        await route.fulfill({ status: 303, headers: { location: back } });
      },
    );
    await signInAtProvider(page);
    await expect(page.getByRole("heading", { name: "Sign-in did not work" })).toBeVisible();
    await expect(page.getByText(`The sign-in code from ${NAME} expired or was already used`)).toBeVisible();
  } finally {
    op.setCodeTtl(60);
  }
});
