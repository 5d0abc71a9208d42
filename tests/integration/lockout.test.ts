import { describe, expect, it, vi } from "vitest";
import { signIn, type SignInResult } from "~/.server/auth/sign-in";
import { findTrustedDevice } from "~/.server/auth/trusted-device";
import { prisma } from "~/.server/db";
import { TEST_PASSWORD, createTestPerson } from "../factories";

// The policy is under test, not scrypt: a cheap stand-in keeps hundreds of attempts quick (password.test.ts covers scrypt).
vi.mock("~/.server/auth/password", async (importOriginal) => {
  const real = await importOriginal<typeof import("~/.server/auth/password")>();
  return {
    ...real,
    hashPassword: async (password: string) => `plain$${password}`,
    verifyPassword: async (password: string, stored: string) => stored === `plain$${password}`,
    verifyAgainstDecoy: async () => false as const,
  };
});

const SECOND = 1000;
const MINUTE = 60 * SECOND;
/** The account throttle's cap (ADR 013): no untrusted browser is ever told to wait longer. */
const CAP_SECONDS = 60;

let run = 0;
/** A distinct address per attempt, as a botnet or a pool of proxies sends them. */
const botAddress = (i: number) => `10.${run}.${i >> 8}.${i & 255}`;

function expectOk(result: SignInResult): asserts result is Extract<SignInResult, { ok: true }> {
  expect(result).toMatchObject({ ok: true });
}

async function failureRows(email: string) {
  return prisma.auditEvent.findMany({
    where: { target: email, action: { in: ["sign_in.failed", "sign_in.throttled"] } },
    orderBy: { at: "asc" },
  });
}

/** One wrong guess at `now` from a fresh address. */
const guess = (email: string, i: number, now: number) => signIn({ email, password: `guess-${i}`, ip: botAddress(i) }, now);

describe("a steady guessing attack from many addresses", () => {
  it("never keeps the owner out of a browser they signed in with before, and folds its audit rows", async () => {
    run += 1;
    const victim = await createTestPerson();
    const t0 = Date.parse("2026-11-20T09:00:00Z");
    const home = "198.51.100.10";
    const yesterday = await signIn({ email: victim.email, password: TEST_PASSWORD, ip: home }, t0 - 24 * 60 * MINUTE);
    expectOk(yesterday);
    let laptop = yesterday.deviceToken;

    // 200 guesses, one every 20 seconds for 67 minutes, each from a new address.
    const attacker: SignInResult[] = [];
    for (let i = 0; i < 200; i++) {
      const now = t0 + i * 20 * SECOND;
      attacker.push(await guess(victim.email, i, now));
      if (i % 10 === 5) {
        const owner = await signIn({ email: victim.email, password: TEST_PASSWORD, ip: home, deviceToken: laptop }, now + SECOND);
        expectOk(owner);
        laptop = owner.deviceToken;
      }
    }

    expect(attacker.every((r) => !r.ok)).toBe(true);
    const throttled = attacker.filter((r) => !r.ok && r.reason === "throttled");
    // The account really was under throttle most of the time the owner got in…
    expect(throttled.length).toBeGreaterThan(100);
    // …and each refusal named a wait within the cap.
    expect(Math.max(...throttled.map((r) => (r.ok || r.reason !== "throttled" ? 0 : r.retryAfterSeconds)))).toBeLessThanOrEqual(CAP_SECONDS);
    // The owner's sign-ins did not hand the attacker fresh free guesses: after the ramp, at most one a minute was checked.
    const evaluated = attacker.length - throttled.length;
    expect(evaluated).toBeLessThanOrEqual(3 + 7 + Math.ceil((200 * 20) / 60));

    // The laptop's token was rotated on every sign-in; it is still one trusted device.
    expect(await prisma.trustedDevice.count({ where: { personId: victim.id } })).toBe(1);

    // 200 refusals, a handful of rows: one per action per hour of attack.
    const rows = await failureRows(victim.email);
    expect(rows.length).toBeLessThan(20);
    expect(rows.length).toBe(4);
    expect(rows.reduce((sum, row) => sum + row.count, 0)).toBe(200);
    expect(rows.filter((r) => r.action === "sign_in.failed").reduce((s, r) => s + r.count, 0)).toBe(evaluated);
    for (const row of rows) {
      expect(row.subjectId).toBe(victim.id);
      const details = JSON.parse(row.details ?? "{}");
      expect(details.ips.length).toBeGreaterThan(1);
      expect(details.ips.length).toBeLessThanOrEqual(10);
      expect(new Date(details.lastAt).getTime()).toBeGreaterThanOrEqual(row.at.getTime());
    }
    expect(rows[0]!.at.getTime()).toBe(t0);
  });

  it("tells a new browser to wait no longer than the cap, and lets it in once the attack pauses", async () => {
    run += 1;
    const victim = await createTestPerson();
    const t0 = Date.parse("2026-11-21T09:00:00Z");
    const phone = "198.51.100.20";
    let now = t0;
    for (let i = 0; i < 60; i++, now += 20 * SECOND) {
      await guess(victim.email, i, now);
      // The owner on a new phone, with the right password, at an unlucky moment: the attacker always goes first.
      if (i >= 10 && i % 7 === 0) {
        const refused = await signIn({ email: victim.email, password: TEST_PASSWORD, ip: phone }, now + 3 * SECOND);
        expect(refused).toMatchObject({ ok: false, reason: "throttled" });
        if (!refused.ok && refused.reason === "throttled") expect(refused.retryAfterSeconds).toBeLessThanOrEqual(CAP_SECONDS);
      }
    }

    // The attack stops after its last guess; the owner waits what they were told and is in within the cap.
    const lastGuessAt = now - 20 * SECOND;
    const told = await signIn({ email: victim.email, password: TEST_PASSWORD, ip: phone }, lastGuessAt + SECOND);
    expect(told).toMatchObject({ ok: false, reason: "throttled" });
    if (told.ok || told.reason !== "throttled") throw new Error("expected a wait");
    expect(told.retryAfterSeconds).toBeLessThanOrEqual(CAP_SECONDS);
    const retryAt = lastGuessAt + SECOND + told.retryAfterSeconds * SECOND;
    expect(retryAt - lastGuessAt).toBeLessThanOrEqual((CAP_SECONDS + 1) * SECOND);
    const inside = await signIn({ email: victim.email, password: TEST_PASSWORD, ip: phone }, retryAt);
    expectOk(inside);
    // …and from then on the phone is a trusted device: the next attack does not keep it out.
    await guess(victim.email, 100, retryAt + SECOND);
    for (let i = 101; i < 110; i++) await guess(victim.email, i, retryAt + 2 * SECOND);
    expectOk(await signIn({ email: victim.email, password: TEST_PASSWORD, ip: phone, deviceToken: inside.deviceToken }, retryAt + 3 * SECOND));
  });
});

describe("folding refusals in the audit log", () => {
  it("starts a new row after a pause of more than five minutes, and keeps accounts apart", async () => {
    run += 1;
    const victim = await createTestPerson();
    const t0 = Date.parse("2026-11-25T09:00:00Z");
    await guess(victim.email, 0, t0);
    await guess(victim.email, 1, t0 + SECOND);
    await guess(victim.email, 2, t0 + 7 * MINUTE);
    await signIn({ email: "nobody@test.baton", password: "x", ip: botAddress(3) }, t0 + 7 * MINUTE);
    const rows = await failureRows(victim.email);
    expect(rows.map((r) => [r.at.getTime() - t0, r.count])).toEqual([
      [0, 2],
      [7 * MINUTE, 1],
    ]);
    expect(await prisma.auditEvent.count({ where: { action: "sign_in.failed", target: "nobody@test.baton" } })).toBe(1);
  });
});

describe("device cookies", () => {
  it("do not open the throttled account of anyone but their own person", async () => {
    run += 1;
    const victim = await createTestPerson();
    const colleague = await createTestPerson();
    const t0 = Date.parse("2026-11-22T09:00:00Z");
    const shared = "198.51.100.30";
    const colleagues = await signIn({ email: colleague.email, password: TEST_PASSWORD, ip: shared }, t0);
    expectOk(colleagues);

    for (let i = 0; i < 4; i++) await guess(victim.email, i, t0 + i * SECOND);
    const withOthersCookie = await signIn({ email: victim.email, password: TEST_PASSWORD, ip: shared, deviceToken: colleagues.deviceToken }, t0 + 4 * SECOND);
    expect(withOthersCookie).toMatchObject({ ok: false, reason: "throttled" });
    // The colleague's device is untouched, and still theirs.
    expect(await findTrustedDevice(colleagues.deviceToken, new Date(t0 + 5 * SECOND))).toMatchObject({ personId: colleague.id });
  });

  it("count a trusted device's own failures against it alone", async () => {
    run += 1;
    const victim = await createTestPerson();
    const t0 = Date.parse("2026-11-23T09:00:00Z");
    const office = "198.51.100.40";
    const first = await signIn({ email: victim.email, password: TEST_PASSWORD, ip: office }, t0);
    expectOk(first);

    // Five typos on the owner's own browser…
    for (let i = 0; i < 5; i++) {
      const typo = await signIn({ email: victim.email, password: `typo-${i}`, ip: office, deviceToken: first.deviceToken }, t0 + (i + 1) * SECOND);
      expect(typo).toEqual({ ok: false, reason: "invalid" });
    }
    // …do not slow the account down for a new browser (five untrusted failures would have).
    expectOk(await signIn({ email: victim.email, password: TEST_PASSWORD, ip: "198.51.100.41" }, t0 + 7 * SECOND));
  });

  it("lock a stolen device cookie after five wrong passwords, for 15 minutes", async () => {
    run += 1;
    const victim = await createTestPerson();
    const t0 = Date.parse("2026-11-24T09:00:00Z");
    const signedIn = await signIn({ email: victim.email, password: TEST_PASSWORD, ip: "198.51.100.50" }, t0 - MINUTE);
    expectOk(signedIn);
    const stolen = signedIn.deviceToken;
    const thief = "203.0.113.66";

    // Meanwhile a botnet keeps the account throttled for untrusted browsers.
    let i = 0;
    const attackUntil = async (until: number) => {
      for (; t0 + i * 20 * SECOND <= until; i++) await guess(victim.email, i, t0 + i * 20 * SECOND);
    };
    await attackUntil(t0 + 5 * MINUTE);

    // The stolen cookie gets the thief five guesses past the account throttle, no more.
    const at = t0 + 5 * MINUTE + SECOND;
    for (let n = 0; n < 5; n++) {
      expect(await signIn({ email: victim.email, password: `stolen-${n}`, ip: thief, deviceToken: stolen }, at + n)).toEqual({ ok: false, reason: "invalid" });
    }
    const sixth = await signIn({ email: victim.email, password: TEST_PASSWORD, ip: thief, deviceToken: stolen }, at + 10);
    expect(sixth).toMatchObject({ ok: false, reason: "throttled" });

    // Fifteen minutes after its last failure the device is trusted again (the attack still throttles others).
    await attackUntil(at + 15 * MINUTE + 5 * SECOND);
    const back = at + 15 * MINUTE + 10 * SECOND;
    expect(await signIn({ email: victim.email, password: TEST_PASSWORD, ip: "198.51.100.51" }, back)).toMatchObject({ ok: false, reason: "throttled" });
    expectOk(await signIn({ email: victim.email, password: TEST_PASSWORD, ip: "198.51.100.50", deviceToken: stolen }, back));
    // That sign-in rotated the token: the copy the thief kept is worthless now.
    expect(await findTrustedDevice(stolen, new Date(back + SECOND))).toBeNull();
  });
});
