import { afterEach, describe, expect, it, vi } from "vitest";
import { readDeviceToken, readSessionToken } from "~/.server/auth/cookie";
import { hashToken } from "~/.server/auth/token";
import { prisma } from "~/.server/db";
import { loader as appLoader } from "~/routes/_app";
import { action as loginAction, loader as loginLoader } from "~/routes/login";
import { TEST_PASSWORD, cookiePair, createTestPerson, makeRequest, outcomeOf } from "../factories";

const INVALID = "That email and password do not match an active account.";

// The sign-in throttle counts failures per client IP too: give each test its own address.
let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter}`;

function submitLogin(form: Record<string, string>, ip: string, cookie?: string) {
  return outcomeOf(loginAction({ request: makeRequest("/login", { form, ip, cookie }), params: {}, context: {} }));
}

async function whoIs(cookie: string) {
  const result = await outcomeOf(appLoader({ request: makeRequest("/learn", { cookie }), params: {}, context: {} }));
  return result.thrown ? null : (result.data as { viewer: { email: string } }).viewer.email;
}

const auditOf = (action: string, target: string) => prisma.auditEvent.findMany({ where: { action, target } });

afterEach(() => {
  vi.useRealTimers();
});

describe("signing in with the right password", () => {
  it.each([
    ["LEARNER", "/learn"],
    ["MANAGER", "/team"],
    ["HR", "/hr/people"],
  ] as const)("sends a %s to their home page with a session cookie", async (role, home) => {
    const person = await createTestPerson({ role });
    const ip = freshIp();
    const result = await submitLogin({ email: person.email, password: TEST_PASSWORD }, ip);

    expect(result.status).toBe(302);
    expect(result.location).toBe(home);
    const setCookie = result.headers.get("Set-Cookie") ?? "";
    expect(setCookie).toMatch(/^baton_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);

    // The cookie is a working sign-in.
    expect(await whoIs(cookiePair(setCookie))).toBe(person.email);

    // The database keeps only the SHA-256 of the token that is in the cookie.
    const sessions = await prisma.session.findMany({ where: { personId: person.id } });
    expect(sessions).toHaveLength(1);
    const token = await readSessionToken(makeRequest("/", { cookie: cookiePair(setCookie) }));
    expect(token).toBeTruthy();
    expect(sessions[0]!.id).not.toBe(token);
    expect(sessions[0]!.id).toBe(hashToken(token!));
    expect(setCookie).not.toContain(sessions[0]!.id);

    const audit = await auditOf("sign_in", person.email);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: person.id, actorEmail: person.email, ip });

    // A second cookie marks this browser as trusted for the account (ADR 013): long-lived, hash-only in the database.
    const [sessionHeader, deviceHeader] = result.headers.getSetCookie();
    expect(sessionHeader).toMatch(/^baton_session=/);
    expect(deviceHeader).toMatch(/^baton_device=/);
    expect(deviceHeader).toMatch(/HttpOnly/i);
    expect(deviceHeader).toMatch(/SameSite=Lax/i);
    expect(deviceHeader).toMatch(/Max-Age=15552000/);
    const deviceToken = await readDeviceToken(makeRequest("/", { cookie: cookiePair(deviceHeader!) }));
    const devices = await prisma.trustedDevice.findMany({ where: { personId: person.id } });
    expect(devices.map((d) => d.id)).toEqual([hashToken(deviceToken!)]);
  });

  it("accepts the email in any case and with surrounding spaces", async () => {
    const person = await createTestPerson({ email: "mixed.case@test.baton" });
    const result = await submitLogin({ email: "  Mixed.Case@TEST.baton ", password: TEST_PASSWORD }, freshIp());
    expect(result.status).toBe(302);
    expect(await whoIs(cookiePair(result.headers.get("Set-Cookie")))).toBe(person.email);
  });

  it("returns to the page the person asked for, but never to another site", async () => {
    const person = await createTestPerson();
    const back = await submitLogin({ email: person.email, password: TEST_PASSWORD, redirectTo: "/account?tab=password" }, freshIp());
    expect(back.location).toBe("/account?tab=password");
    const offsite = await submitLogin({ email: person.email, password: TEST_PASSWORD, redirectTo: "//evil.test/phish" }, freshIp());
    expect(offsite.location).toBe("/learn");
  });

  it.each(["/\t/evil.test/phish", "/\\evil.test", "https://evil.test", "/\u0000/evil.test"])(
    "ignores redirectTo=%j, which a browser would follow off the site (it drops tabs inside URLs)",
    async (redirectTo) => {
      const person = await createTestPerson();
      const result = await submitLogin({ email: person.email, password: TEST_PASSWORD, redirectTo }, freshIp());
      expect(result.status).toBe(302);
      // Where a browser would actually go with this Location header.
      expect(new URL(result.location!, "http://localhost:3000").origin).toBe("http://localhost:3000");
      expect(result.location).toBe("/learn");
    },
  );

  it("creates a new session on every sign-in, each one working on its own", async () => {
    const person = await createTestPerson();
    const first = await submitLogin({ email: person.email, password: TEST_PASSWORD }, freshIp());
    const second = await submitLogin({ email: person.email, password: TEST_PASSWORD }, freshIp());
    const a = cookiePair(first.headers.get("Set-Cookie"));
    const b = cookiePair(second.headers.get("Set-Cookie"));
    expect(a).not.toBe(b);
    expect(await prisma.session.count({ where: { personId: person.id } })).toBe(2);
    expect(await whoIs(a)).toBe(person.email);
    expect(await whoIs(b)).toBe(person.email);
    expect(await auditOf("sign_in", person.email)).toHaveLength(2);
  });

  it("sends someone already signed in from /login to their home page", async () => {
    const person = await createTestPerson({ role: "MANAGER" });
    const signedIn = await submitLogin({ email: person.email, password: TEST_PASSWORD }, freshIp());
    const cookie = cookiePair(signedIn.headers.get("Set-Cookie"));
    const again = await outcomeOf(loginLoader({ request: makeRequest("/login", { cookie }), params: {}, context: {} }));
    expect(again.status).toBe(302);
    expect(again.location).toBe("/team");
  });
});

describe("refused sign-ins", () => {
  it("answers a wrong password and an unknown email with the same message, 401 and no cookie", async () => {
    const person = await createTestPerson();
    const wrong = await submitLogin({ email: person.email, password: "not-the-password" }, freshIp());
    const unknown = await submitLogin({ email: "nobody@test.baton", password: TEST_PASSWORD }, freshIp());

    for (const result of [wrong, unknown]) {
      expect(result.status).toBe(401);
      expect(result.data.message).toBe(INVALID);
      expect(result.headers.get("Set-Cookie")).toBeNull();
    }
    expect(wrong.data).toEqual(unknown.data);
    expect(await prisma.session.count({ where: { personId: person.id } })).toBe(0);

    const failedKnown = await auditOf("sign_in.failed", person.email);
    expect(failedKnown).toHaveLength(1);
    expect(failedKnown[0]!.actorId).toBe(person.id);
    expect(JSON.parse(failedKnown[0]!.details ?? "{}")).toMatchObject({ reason: "wrong_password" });
    const failedUnknown = await auditOf("sign_in.failed", "nobody@test.baton");
    expect(failedUnknown).toHaveLength(1);
    expect(failedUnknown[0]!.actorId).toBeNull();
    expect(JSON.parse(failedUnknown[0]!.details ?? "{}")).toMatchObject({ reason: "unknown_email" });
    expect(await auditOf("sign_in", person.email)).toHaveLength(0);
  });

  it("keeps a deactivated person out even with the right password", async () => {
    const person = await createTestPerson();
    await prisma.person.update({ where: { id: person.id }, data: { deactivatedAt: new Date() } });
    const result = await submitLogin({ email: person.email, password: TEST_PASSWORD }, freshIp());
    expect(result.status).toBe(401);
    expect(result.data.message).toBe(INVALID);
    expect(result.headers.get("Set-Cookie")).toBeNull();
    expect(await prisma.session.count({ where: { personId: person.id } })).toBe(0);
    const failed = await auditOf("sign_in.failed", person.email);
    expect(JSON.parse(failed[0]!.details ?? "{}")).toMatchObject({ reason: "deactivated" });
  });

  it("keeps out a person who has not set a password yet", async () => {
    const person = await prisma.person.create({ data: { email: "invited@test.baton", name: "Invited Only" } });
    const result = await submitLogin({ email: person.email, password: TEST_PASSWORD }, freshIp());
    expect(result.status).toBe(401);
    expect(result.data.message).toBe(INVALID);
    expect(await prisma.session.count({ where: { personId: person.id } })).toBe(0);
  });

  it("asks for the missing fields without trying to sign in", async () => {
    const result = await submitLogin({ email: "not-an-email", password: "" }, freshIp());
    expect(result.status).toBe(400);
    expect(result.data.errors).toMatchObject({ email: "Enter a valid email address.", password: "Enter your password." });
    expect(await prisma.auditEvent.count({ where: { target: "not-an-email" } })).toBe(0);
  });
});

describe("throttling repeated failures", () => {
  it("slows an account down after several wrong passwords, even for the right one, then lets it in", async () => {
    // Freeze the clock (only Date), so the delay does not run out while scrypt works.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date() });
    const person = await createTestPerson();
    const ip = freshIp();
    for (let i = 0; i < 3; i++) {
      const miss = await submitLogin({ email: person.email, password: `wrong-${i}` }, ip);
      expect(miss.status).toBe(401);
    }

    const throttled = await submitLogin({ email: person.email, password: TEST_PASSWORD }, freshIp());
    expect(throttled.status).toBe(429);
    expect(throttled.data.message).toMatch(/^Too many attempts\. Please wait \d+ seconds?/);
    expect(throttled.headers.get("Set-Cookie")).toBeNull();
    expect(await prisma.session.count({ where: { personId: person.id } })).toBe(0);
    expect(await auditOf("sign_in.throttled", person.email)).toHaveLength(1);

    // Another account is not affected by this one's failures.
    const other = await createTestPerson();
    expect((await submitLogin({ email: other.email, password: TEST_PASSWORD }, freshIp())).status).toBe(302);

    // After the delay the right password works again.
    vi.setSystemTime(Date.now() + 61_000);
    const later = await submitLogin({ email: person.email, password: TEST_PASSWORD }, freshIp());
    expect(later.status).toBe(302);
    expect(later.location).toBe("/learn");
  });

  it("lets a browser that signed in before through while the account is throttled, and rotates its device cookie", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date() });
    const person = await createTestPerson();
    const earlier = await submitLogin({ email: person.email, password: TEST_PASSWORD }, freshIp());
    const device = cookiePair(earlier.headers.getSetCookie()[1]!);
    for (let i = 0; i < 4; i++) await submitLogin({ email: person.email, password: `wrong-${i}` }, freshIp());
    expect((await submitLogin({ email: person.email, password: TEST_PASSWORD }, freshIp())).status).toBe(429);

    const trusted = await submitLogin({ email: person.email, password: TEST_PASSWORD }, freshIp(), device);
    expect(trusted.status).toBe(302);
    const rotated = cookiePair(trusted.headers.getSetCookie()[1]!);
    expect(rotated).toMatch(/^baton_device=/);
    expect(rotated).not.toBe(device);
    // The old token went with the rotation; the account's throttle still holds for everyone else.
    expect((await submitLogin({ email: person.email, password: TEST_PASSWORD }, freshIp(), device)).status).toBe(429);
  });

  it("folds repeated refusals into one audit row with a count", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date() });
    const person = await createTestPerson();
    for (let i = 0; i < 6; i++) await submitLogin({ email: person.email, password: `wrong-${i}` }, freshIp());
    const failed = await auditOf("sign_in.failed", person.email);
    const throttled = await auditOf("sign_in.throttled", person.email);
    expect(failed).toHaveLength(1);
    expect(throttled).toHaveLength(1);
    expect(failed[0]!.count + throttled[0]!.count).toBe(6);
    expect(JSON.parse(failed[0]!.details ?? "{}").ips).toHaveLength(failed[0]!.count);
  });

  it("slows down one address that sprays passwords across many accounts", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date() });
    const ip = freshIp();
    for (let i = 0; i < 10; i++) {
      const miss = await submitLogin({ email: `spray${i}@test.baton`, password: "Summer2026!" }, ip);
      expect(miss.status).toBe(401);
    }
    const victim = await createTestPerson();
    const throttled = await submitLogin({ email: victim.email, password: TEST_PASSWORD }, ip);
    expect(throttled.status).toBe(429);
    expect(throttled.data.message).toMatch(/Too many attempts/);
    // The same account from another address is fine.
    expect((await submitLogin({ email: victim.email, password: TEST_PASSWORD }, freshIp())).status).toBe(302);

    // The refusals of one address spraying many accounts fold into one row for that address.
    for (let i = 10; i < 15; i++) expect((await submitLogin({ email: `spray${i}@test.baton`, password: "Summer2026!" }, ip)).status).toBe(429);
    const refused = await prisma.auditEvent.findMany({ where: { action: "sign_in.throttled", ip } });
    expect(refused).toHaveLength(1);
    expect(refused[0]!.count).toBe(6);
    expect(JSON.parse(refused[0]!.details ?? "{}")).toMatchObject({
      throttle: "ip",
      targets: [victim.email, ...[10, 11, 12, 13, 14].map((i) => `spray${i}@test.baton`)],
    });
  });
});
