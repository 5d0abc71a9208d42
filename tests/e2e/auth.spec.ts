import { DEMO, DEMO_PASSWORD, expect, signIn, signOut, submitSignIn, test } from "./utils";

const INVALID = "That email and password do not match an active account.";

test.describe("signing in", () => {
  test("HR lands on People", async ({ page }) => {
    await signIn(page, DEMO.hr);
    await expect(page).toHaveURL(/\/hr\/people$/);
    await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Nia Okafor" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" })).toBeVisible();
  });

  test("a manager lands on My team and sees only their direct reports", async ({ page }) => {
    await signIn(page, DEMO.manager);
    await expect(page).toHaveURL(/\/team$/);
    await expect(page.getByRole("heading", { level: 1, name: "My team" })).toBeVisible();
    const table = page.getByRole("table");
    await expect(table.getByText("Nia Okafor")).toBeVisible();
    await expect(table.getByText("Tom Fischer")).toBeVisible();
    // Priya's warehouse team is not Marcus's.
    await expect(table.getByText("Kofi Mensah")).toHaveCount(0);
  });

  test("the other manager sees their own team", async ({ page }) => {
    await signIn(page, DEMO.manager2);
    await expect(page).toHaveURL(/\/team$/);
    await expect(page.getByRole("heading", { level: 1, name: "My team" })).toBeVisible();
    await expect(page.getByRole("table").getByText("Kofi Mensah")).toBeVisible();
    await expect(page.getByRole("table").getByText("Nia Okafor")).toHaveCount(0);
  });

  test("a new hire lands on My learning", async ({ page }) => {
    await signIn(page, DEMO.newHire);
    await expect(page).toHaveURL(/\/learn$/);
    await expect(page.getByRole("heading", { level: 1, name: "My learning" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" })).toHaveCount(0);
  });

  test("a wrong password shows the error and stays on the sign-in page", async ({ page, consoleGuard }) => {
    consoleGuard.allowStatus(401);
    await page.goto("/login");
    await submitSignIn(page, "tom.fischer@baton.test", "not-the-demo-password");
    await expect(page.getByText(INVALID)).toBeVisible();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("heading", { name: "Sign in to your onboarding" })).toBeVisible();
  });

  test("an unknown email gets the very same message", async ({ page, consoleGuard }) => {
    consoleGuard.allowStatus(401);
    await page.goto("/login");
    await submitSignIn(page, "nobody-here@baton.test", DEMO_PASSWORD);
    await expect(page.getByText(INVALID)).toBeVisible();
    await expect(page).toHaveURL(/\/login$/);
  });

  test("a page opened while signed out comes back after signing in", async ({ page }) => {
    await page.goto("/hr/people?q=nia");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fhr%2Fpeople%3Fq%3Dnia$/);
    await submitSignIn(page, DEMO.hr);
    await expect(page).toHaveURL(/\/hr\/people\?q=nia$/);
    await expect(page.getByRole("link", { name: "Nia Okafor" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Tom Fischer" })).toHaveCount(0);
  });

  test("a sign-in link cannot send the person to another site afterwards", async ({ page }) => {
    // %09 is a tab: browsers drop it, so "/<tab>/evil.test" would mean "//evil.test".
    await page.goto("/login?redirectTo=%2F%09%2Fevil.test%2Fphish");
    await submitSignIn(page, "grace.lin@baton.test");
    await expect(page).toHaveURL("/learn");
    await expect(page.getByRole("heading", { level: 1, name: "My learning" })).toBeVisible();
  });
});

test.describe("access", () => {
  test("a learner opening an HR page is refused", async ({ page }) => {
    await signIn(page, "lena.kowalski@baton.test");
    const response = await page.goto("/hr/people");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
    await expect(page.getByText("Nia Okafor")).toHaveCount(0);
    // Still signed in, with the navigation of a learner.
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  });

  test("a learner navigating inside the app to a manager page is refused too", async ({ page }) => {
    await signIn(page, "maria.santos@baton.test");
    await expect(page).toHaveURL(/\/learn$/);
    // A client-side navigation: the refusal arrives as data for the running app, not as a new document.
    await page.evaluate(() => (window as unknown as { __remixRouter: { navigate(to: string): Promise<void> } }).__remixRouter.navigate("/team"));
    await expect(page).toHaveURL(/\/team$/);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "My team" })).toHaveCount(0);
  });

  test("a POST from another site is refused before it reaches Baton", async ({ request, baseURL }) => {
    const evil = await request.post("/login", {
      headers: { Origin: "http://evil.test" },
      form: { email: DEMO.hr, password: DEMO_PASSWORD },
      maxRedirects: 0,
    });
    expect(evil.status()).toBe(403);
    expect(await evil.text()).toContain("did not come from Baton");
    expect(evil.headers()["set-cookie"]).toBeUndefined();

    // The same form from Baton's own origin works, so it was the origin that was refused.
    const own = await request.post("/login", {
      headers: { Origin: baseURL! },
      form: { email: "ade.bello@baton.test", password: DEMO_PASSWORD },
      maxRedirects: 0,
    });
    expect(own.status()).toBe(302);
    expect(own.headers()["location"]).toBe("/learn");
    expect(own.headers()["set-cookie"]).toMatch(/^__Host-baton_session=.*; Secure/);
  });
});

test.describe("signing out", () => {
  test("returns to the sign-in page and the app is closed afterwards", async ({ page }) => {
    await signIn(page, "jonas.berg@baton.test");
    await expect(page.getByRole("heading", { name: "My learning" })).toBeVisible();
    await signOut(page);
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();

    await page.goto("/learn");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Flearn$/);
    await expect(page.getByRole("heading", { name: "My learning" })).toHaveCount(0);
    expect((await page.context().cookies()).filter((c) => c.name.includes("baton_session"))).toEqual([]);
  });
});

test.describe("a new person joins", () => {
  test("HR adds them, sends an invitation link, and they set a password and sign in", async ({ page, browser, consoleGuard }) => {
    consoleGuard.allowStatus(400); // the deliberate form mistake
    const email = `rosa.quinn.${Date.now()}@baton.test`;
    const password = "harbour lantern maple";

    await signIn(page, DEMO.hr);
    await page.getByRole("link", { name: "Add a person" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Add a person" })).toBeVisible();

    // A mistake first: the form says what is wrong and keeps what was typed.
    await page.getByLabel("Full name").fill("Rosa Quinn");
    await page.getByLabel("Email").fill("rosa at baton");
    await page.getByRole("button", { name: "Add person" }).click();
    await expect(page.getByText("Enter a valid email address.")).toBeVisible();
    await expect(page).toHaveURL(/\/hr\/people\/new$/);
    await expect(page.getByLabel("Full name")).toHaveValue("Rosa Quinn");

    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Role").selectOption({ label: "New hire" });
    await page.getByLabel("Manager").selectOption({ label: "Marcus Bell" });
    await page.getByLabel("Department").fill("Customer Support");
    await page.getByLabel("Job title").fill("Support Advisor");
    await page.getByLabel("Start date").fill("2027-01-04");
    await page.getByRole("button", { name: "Add person" }).click();

    await expect(page).toHaveURL(/\/hr\/people\/[^/]+\?created=1$/);
    await expect(page.getByRole("heading", { level: 1, name: "Rosa Quinn" })).toBeVisible();
    await expect(page.getByText("Person added.")).toBeVisible();
    await expect(page.getByText("Has not set a password yet.")).toBeVisible();

    await page.getByRole("button", { name: "Send an invitation" }).click();
    const linkBox = page.getByLabel("Invitation link");
    await expect(linkBox).toBeVisible();
    const link = await linkBox.inputValue();
    expect(link).toMatch(/^http:\/\/localhost:\d+\/invite\/[a-z2-7]{20,}$/);

    // The new person opens the link in their own browser.
    const theirs = await browser.newContext();
    const newcomer = await theirs.newPage();
    consoleGuard.watch(newcomer);
    try {
      await newcomer.goto(link);
      await expect(newcomer.getByRole("heading", { name: "Welcome to Baton, Rosa Quinn" })).toBeVisible();
      await expect(newcomer.getByText(email)).toBeVisible();
      await newcomer.getByLabel("Password", { exact: true }).fill(password);
      await newcomer.getByLabel("Repeat the password").fill(password);
      await newcomer.getByRole("button", { name: "Set password" }).click();
      await expect(newcomer).toHaveURL(/\/login\?welcome=1$/);

      await submitSignIn(newcomer, email, password);
      await expect(newcomer).toHaveURL(/\/learn$/);
      await expect(newcomer.getByRole("heading", { level: 1, name: "My learning" })).toBeVisible();
      await expect(newcomer.getByText("Rosa Quinn")).toBeVisible();

      // The link worked once; now it is gone, and says why.
      consoleGuard.allowStatus(410);
      const again = await newcomer.goto(link);
      expect(again?.status()).toBe(410);
      await expect(newcomer.getByText("This link was already used to set your password.")).toBeVisible();
      await expect(newcomer.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
    } finally {
      await theirs.close();
    }

    // HR sees that the person has a password and a session now.
    await page.reload();
    await expect(page.getByText(/^Has set a password\. 1 active session\.$/)).toBeVisible();

    // And their manager sees them in the team.
    await signOut(page);
    await signIn(page, DEMO.manager);
    await expect(page.getByRole("table").getByText("Rosa Quinn")).toBeVisible();
  });
});
