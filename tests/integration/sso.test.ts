import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestPasswordReset } from "~/.server/auth/password-reset";
import { hashToken } from "~/.server/auth/token";
import { prisma } from "~/.server/db";
import { sweepOldRows } from "~/.server/housekeeping";
import { loader as appLoader } from "~/routes/_app";
import { action as providerAction, loader as providerLoader } from "~/routes/_app.hr.integrations.sso.$providerId";
import { action as providersAction } from "~/routes/_app.hr.integrations.sso._index";
import { action as personAction } from "~/routes/_app.hr.people.$personId";
import { action as loginAction, loader as loginLoader } from "~/routes/login";
import { loader as callbackLoader } from "~/routes/sso.$slug.callback";
import { action as startAction } from "~/routes/sso.$slug.start";
import { startOidcProvider, type TestProvider } from "../setup/oidc-provider";
import { TEST_PASSWORD, cookiePair, createTestPerson, having, makeRequest, outcomeOf, signedInCookie } from "../factories";

const SLUG = "corp-idp";
const CALLBACK = `http://localhost:3000/sso/${SLUG}/callback`;
const ctx = { context: {} };

let op: TestProvider;
let hrCookie: string;
let providerId: string;

beforeAll(async () => {
  op = await startOidcProvider({ redirectUris: [CALLBACK] });
  const hr = await createTestPerson({ role: "HR", email: "hr@corp.test" });
  hrCookie = (await signedInCookie(hr.id)).cookie;
});

afterAll(async () => {
  await op?.close();
});

function hrAction(form: Record<string, string>) {
  return outcomeOf(providerAction({ request: makeRequest(`/hr/integrations/sso/${providerId}`, { cookie: hrCookie, form }), params: { providerId }, ...ctx }));
}

const providerForm = (extra: Record<string, string> = {}) => ({
  intent: "save",
  name: "Corp ID",
  slug: SLUG,
  issuer: op.issuer,
  clientId: op.clientId,
  clientSecret: op.clientSecret,
  defaultRole: "LEARNER",
  enabled: "on",
  ...extra,
});

/** A browser pressing "Sign in with Corp ID": the provider's address and the state cookie it got. */
async function start(redirectTo = "") {
  const result = await outcomeOf(startAction({ request: makeRequest(`/sso/${SLUG}/start`, { form: { redirectTo } }), params: { slug: SLUG }, ...ctx }));
  expect(result.status).toBe(302);
  return { url: result.location!, cookie: cookiePair(result.headers.get("Set-Cookie")) };
}

/** The browser arriving back from the provider. */
async function callback(url: URL, cookie: string | undefined) {
  return outcomeOf(callbackLoader({ request: makeRequest(`${url.pathname}${url.search}`, { cookie }), params: { slug: SLUG }, ...ctx }));
}

/** Start, sign in at the provider as `login`, come back: the callback's outcome. */
async function signInAs(login: string, options: { redirectTo?: string; rewrite?: (url: URL) => void } = {}) {
  const started = await start(options.redirectTo);
  const url = new URL(started.url);
  options.rewrite?.(url);
  return callback(await op.signIn(url.href, login), started.cookie);
}

/** Who the session cookie from a successful callback belongs to. */
async function whoIs(setCookie: string | null) {
  const sessionCookie = cookiePair(setCookie!.split(/,(?=\s*baton_session=)/)[0] ?? null);
  const result = await outcomeOf(appLoader({ request: makeRequest("/learn", { cookie: sessionCookie }), params: {}, ...ctx }));
  return result.thrown ? null : (result.data as { viewer: { email: string } }).viewer.email;
}

const sessionOf = (headers: Headers) => headers.getSetCookie().find((c) => c.startsWith("baton_session="))!;

describe("setting up a provider", () => {
  it("lets HR add a provider and shows the redirect URI to register", async () => {
    const added = await outcomeOf(
      providersAction({ request: makeRequest("/hr/integrations/sso", { cookie: hrCookie, form: providerForm() }), params: {}, ...ctx }),
    );
    expect(added.status).toBe(302);
    providerId = added.location!.split("/").pop()!.split("?")[0]!;
    const stored = await prisma.identityProvider.findUniqueOrThrow({ where: { id: providerId } });
    expect(stored.clientSecretSealed).not.toContain(op.clientSecret);
    expect(stored.createPeople).toBe(false);
    const page = await outcomeOf(
      providerLoader({ request: makeRequest(`/hr/integrations/sso/${providerId}`, { cookie: hrCookie }), params: { providerId }, ...ctx }),
    );
    expect(page.data.redirectUri).toBe(CALLBACK);
    expect(JSON.stringify(page.data)).not.toContain(op.clientSecret);
    const login = await outcomeOf(loginLoader({ request: makeRequest("/login"), params: {}, ...ctx }));
    expect(login.data.providers).toEqual([{ slug: SLUG, name: "Corp ID" }]);
  });

  it("refuses a plain-http issuer that is not on this machine, and a learner", async () => {
    const bad = await hrAction(providerForm({ issuer: "http://login.example.com" }));
    expect(bad.status).toBe(400);
    expect(having(bad.data, "errors").errors.issuer).toMatch(/https/);
    const learner = await createTestPerson();
    const { cookie } = await signedInCookie(learner.id);
    const refused = await outcomeOf(
      providersAction({ request: makeRequest("/hr/integrations/sso", { cookie, form: providerForm({ slug: "other" }) }), params: {}, ...ctx }),
    );
    expect(refused.status).toBe(403);
  });

  it("refuses to switch password sign-in off before anyone has signed in with the provider", async () => {
    expect((await hrAction({ intent: "add-domain", domain: "Corp.TEST" })).data.kind).toBe("done");
    const refused = await hrAction({ intent: "password-off", domain: "corp.test" });
    expect(refused.status).toBe(400);
    expect(having(refused.data, "message").message).toMatch(/only after someone has signed in/);
    expect((await prisma.ssoDomain.findUniqueOrThrow({ where: { domain: "corp.test" } })).passwordOff).toBe(false);
  });
});

describe("signing in", () => {
  it("links an existing person by verified e-mail on the first sign-in, then by the link", async () => {
    const alice = await createTestPerson({ email: "alice@corp.test" });
    op.accounts.set("alice", { email: "Alice@Corp.test", email_verified: true });
    const first = await signInAs("alice", { redirectTo: "/learn/some-course" });
    expect(first.status).toBe(302);
    expect(first.location).toBe("/learn/some-course");
    expect(await whoIs(sessionOf(first.headers))).toBe("alice@corp.test");
    expect(await prisma.identityLink.findUnique({ where: { providerId_subject: { providerId, subject: "alice" } } })).toMatchObject({ personId: alice.id });
    expect(await prisma.auditEvent.count({ where: { action: "sso.linked", subjectId: alice.id } })).toBe(1);
    expect((await prisma.identityProvider.findUniqueOrThrow({ where: { id: providerId } })).firstSignInAt).not.toBeNull();
    // The attempt was used up.
    expect(await prisma.ssoAttempt.count()).toBe(0);

    // Her e-mail at the provider changes: the link still signs her in; an off-site redirect is not followed.
    op.accounts.set("alice", { email: "alice.new@elsewhere.test", email_verified: false });
    const again = await signInAs("alice", { redirectTo: "//evil.test/x" });
    expect(again.location).toBe("/learn");
    expect(await whoIs(sessionOf(again.headers))).toBe("alice@corp.test");
  });

  it("refuses an e-mail the provider has not verified", async () => {
    const bob = await createTestPerson({ email: "bob@corp.test" });
    op.accounts.set("bob", { email: "bob@corp.test", email_verified: false });
    const result = await signInAs("bob");
    expect(result.status).toBe(403);
    expect(result.data.message).toMatch(/has not verified the e-mail address bob@corp.test/);
    expect(await prisma.identityLink.count({ where: { personId: bob.id } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { action: "sso.sign_in.refused", target: "bob@corp.test" } })).toBe(1);
  });

  it("refuses a deactivated person", async () => {
    const carol = await createTestPerson({ email: "carol@corp.test" });
    await prisma.person.update({ where: { id: carol.id }, data: { deactivatedAt: new Date() } });
    op.accounts.set("carol", { email: "carol@corp.test", email_verified: true });
    const result = await signInAs("carol");
    expect(result.status).toBe(403);
    expect(result.data.message).toMatch(/deactivated/);
    expect(await prisma.session.count({ where: { personId: carol.id } })).toBe(0);
  });

  it("does not create people unless the provider may, and then gives them the default role and its rules", async () => {
    op.accounts.set("dan", { email: "dan@corp.test", email_verified: true, given_name: "Dan", family_name: "Newman" });
    const off = await signInAs("dan");
    expect(off.status).toBe(403);
    expect(off.data.message).toBe("No Baton account for dan@corp.test; ask HR.");
    expect(await prisma.person.count({ where: { email: "dan@corp.test" } })).toBe(0);

    const curriculum = await prisma.curriculum.create({ data: { name: "Managers' basics" } });
    await prisma.assignmentRule.create({ data: { curriculumId: curriculum.id, kind: "ROLE", value: "MANAGER" } });
    expect((await hrAction(providerForm({ clientSecret: "", createPeople: "on", defaultRole: "MANAGER" }))).data.kind).toBe("done");

    const on = await signInAs("dan");
    expect(on.status).toBe(302);
    expect(on.location).toBe("/team");
    const dan = await prisma.person.findUniqueOrThrow({ where: { email: "dan@corp.test" } });
    expect(dan).toMatchObject({ name: "Dan Newman", role: "MANAGER" });
    expect(dan.signedInAt).not.toBeNull();
    expect(await prisma.assignment.count({ where: { personId: dan.id, curriculumId: curriculum.id } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: "person.created", subjectId: dan.id } })).toBe(1);

    // Only the provider's own domains are created once it lists some.
    op.accounts.set("eve", { email: "eve@gmail.test", email_verified: true, name: "Eve" });
    const outsider = await signInAs("eve");
    expect(outsider.data.message).toBe("No Baton account for eve@gmail.test; ask HR.");
  });
});

describe("the client secret from the environment", () => {
  it("reads the secret from the named variable after an edit, and says so when it is missing", async () => {
    process.env.SSO_TEST_CLIENT_SECRET = op.clientSecret;
    try {
      const saved = await hrAction(providerForm({ clientSecret: "", clientSecretEnv: "SSO_TEST_CLIENT_SECRET", createPeople: "on", defaultRole: "MANAGER" }));
      expect(saved.data.kind).toBe("done");
      expect((await prisma.identityProvider.findUniqueOrThrow({ where: { id: providerId } })).clientSecretSealed).toBeNull();
      const both = await hrAction(providerForm({ clientSecret: "x", clientSecretEnv: "SSO_TEST_CLIENT_SECRET" }));
      expect(having(both.data, "errors").errors.clientSecret).toMatch(/not both/);

      op.accounts.set("alice", { email: "alice@corp.test", email_verified: true });
      expect((await signInAs("alice")).status).toBe(302);

      delete process.env.SSO_TEST_CLIENT_SECRET;
      const result = await outcomeOf(startAction({ request: makeRequest(`/sso/${SLUG}/start`, { form: { redirectTo: "" } }), params: { slug: SLUG }, ...ctx }));
      expect(result.status).toBe(503);
      expect(result.data.message).toMatch(/SSO_TEST_CLIENT_SECRET .* is not set/);
    } finally {
      delete process.env.SSO_TEST_CLIENT_SECRET;
      // Back to a sealed secret for the tests below.
      expect((await hrAction(providerForm({ createPeople: "on", defaultRole: "MANAGER" }))).data.kind).toBe("done");
    }
  });
});

describe("sign-ins that must fail", () => {
  it("refuses a callback without this browser's state cookie", async () => {
    await createTestPerson({ email: "frank@corp.test" });
    op.accounts.set("frank", { email: "frank@corp.test", email_verified: true });
    const mine = await start();
    const other = await start(); // another browser's cookie
    const back = await op.signIn(mine.url, "frank");
    const elsewhere = await callback(back, other.cookie);
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.data.message).toMatch(/started in another browser/);
    expect((await callback(back, undefined)).data.message).toMatch(/started in another browser/);
    expect(await prisma.session.count({ where: { person: { email: "frank@corp.test" } } })).toBe(0);
  });

  it("refuses an expired or already used attempt", async () => {
    const started = await start();
    const back = await op.signIn(started.url, "frank");
    await prisma.ssoAttempt.update({ where: { id: hashToken(back.searchParams.get("state")!) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await callback(back, started.cookie)).data.message).toMatch(/expired or was already used/);
    expect((await callback(back, started.cookie)).data.message).toMatch(/expired or was already used/);
  });

  it("refuses an ID token whose nonce is not this sign-in's", async () => {
    const result = await signInAs("frank", { rewrite: (url) => url.searchParams.set("nonce", "someone-elses-nonce") });
    expect(result.status).toBe(403);
    expect(result.data.message).toMatch(/nonce did not match/);
    expect(await prisma.auditEvent.count({ where: { action: "sso.sign_in.refused", details: { contains: '"reason":"nonce"' } } })).toBe(1);
  });

  it("refuses an expired code", async () => {
    op.setCodeTtl(1);
    try {
      const started = await start();
      const back = await op.signIn(started.url, "frank");
      await new Promise((resolve) => setTimeout(resolve, 2100));
      const result = await callback(back, started.cookie);
      expect(result.status).toBe(403);
      expect(result.data.message).toMatch(/code from Corp ID expired/);
    } finally {
      op.setCodeTtl(60);
    }
  });

  it("shows the provider's error", async () => {
    const started = await start();
    const state = new URL(started.url).searchParams.get("state")!;
    const url = new URL(`${CALLBACK}?error=access_denied&error_description=End-User+aborted+interaction&state=${state}`);
    const result = await callback(url, started.cookie);
    expect(result.status).toBe(403);
    expect(result.data.message).toBe("Corp ID did not sign you in (End-User aborted interaction). Start again from the sign-in page.");
  });

  it("sweeps attempts that never came back", async () => {
    await start();
    expect(await prisma.ssoAttempt.count()).toBeGreaterThan(0);
    const swept = await sweepOldRows(new Date(Date.now() + 11 * 60 * 1000));
    expect(swept.ssoAttempts).toBeGreaterThan(0);
    expect(await prisma.ssoAttempt.count()).toBe(0);
  });
});

describe("password sign-in off for a domain", () => {
  const login = (email: string) =>
    outcomeOf(loginAction({ request: makeRequest("/login", { form: { email, password: TEST_PASSWORD }, ip: "198.51.100.77" }), params: {}, ...ctx }));

  it("refuses passwords for the domain but not for the break-glass HR account", async () => {
    const gina = await createTestPerson({ email: "gina@corp.test" });
    const hr = await prisma.person.findUniqueOrThrow({ where: { email: "hr@corp.test" } });
    expect((await login(gina.email)).status).toBe(302);

    expect((await hrAction({ intent: "password-off", domain: "corp.test" })).data.kind).toBe("done");
    const refused = await login(gina.email);
    expect(refused.status).toBe(403);
    expect(having(refused.data, "message").message).toMatch(/^Sign in with Corp ID/);
    expect(await requestPasswordReset(gina.email, null)).toBe("password-off");
    expect((await login(hr.email)).status).toBe(403);

    const personAct = (personId: string, intent: string) =>
      outcomeOf(personAction({ request: makeRequest(`/hr/people/${personId}`, { cookie: hrCookie, form: { intent } }), params: { personId }, ...ctx }));
    const notHr = await personAct(gina.id, "break-glass-on");
    expect(notHr.status).toBe(400);
    expect(having(notHr.data, "message").message).toMatch(/Only HR people/);
    expect((await personAct(hr.id, "break-glass-on")).data.kind).toBe("done");
    expect((await login(hr.email)).status).toBe(302);
    expect((await login(gina.email)).status).toBe(403);

    // Passwords come back with the switch.
    expect((await hrAction({ intent: "password-on", domain: "corp.test" })).data.kind).toBe("done");
    expect((await login(gina.email)).status).toBe(302);
  });

  it("lets HR delete the provider, which removes its button and links", async () => {
    const deleted = await hrAction({ intent: "delete" });
    expect(deleted.location).toBe("/hr/integrations/sso");
    expect(await prisma.identityLink.count()).toBe(0);
    const login = await outcomeOf(loginLoader({ request: makeRequest("/login"), params: {}, ...ctx }));
    expect(login.data.providers).toEqual([]);
  });
});
