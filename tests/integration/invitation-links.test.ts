/**
 * A link that no longer works says why: used, expired (and when), replaced by a newer one, account closed, or never
 * issued — with a proper status and the person to ask for a new one, and nothing about anyone else.
 */
import { describe, expect, it } from "vitest";
import { generateToken, hashToken } from "~/.server/auth/token";
import { prisma } from "~/.server/db";
import { deactivatePerson } from "~/.server/people/people";
import { invitationLinkState, inviteMany } from "~/.server/people/invitation";
import { action as inviteAction, loader as inviteLoader } from "~/routes/invite.$token";
import { createTestPerson, having, makeRequest, outcomeOf } from "../factories";

const ctx = { context: {} };
const DAY = 24 * 60 * 60 * 1000;
const password = "lantern orchard 42";

async function setUp() {
  const hr = await createTestPerson({ role: "HR", name: "Hana Ito" });
  const newcomer = await prisma.person.create({ data: { email: `new-${generateToken().slice(0, 8)}@test.baton`, name: "Nia Newcomer", role: "LEARNER" } });
  const invite = async (now = new Date()) => {
    const [outcome] = await inviteMany([newcomer.id], { actor: hr, ip: null }, now);
    return outcome!.link!.split("/").pop()!;
  };
  return { hr, newcomer, invite };
}

const open = (token: string) => outcomeOf(inviteLoader({ request: makeRequest(`/invite/${token}`), params: { token }, ...ctx }));
const submit = (token: string) =>
  outcomeOf(inviteAction({ request: makeRequest(`/invite/${token}`, { form: { password, confirmPassword: password } }), params: { token }, ...ctx }));
const passwordHashOf = async (id: string) => (await prisma.person.findUniqueOrThrow({ where: { id } })).passwordHash;

describe("invitation links", () => {
  it("a fresh link opens the form", async () => {
    const { invite } = await setUp();
    const page = await open(await invite());
    expect(page.status).toBe(200);
    expect(page.data).toEqual({ name: "Nia Newcomer", email: expect.stringMatching(/@test\.baton$/), reset: false });
  });

  it("a used link says it set the password already, on open and on a second submit, and changes nothing", async () => {
    const { newcomer, invite } = await setUp();
    const token = await invite();
    expect((await submit(token)).location).toBe("/login?welcome=1");
    const hash = await passwordHashOf(newcomer.id);

    const page = await open(token);
    expect(page.status).toBe(410);
    expect(having(page.data, "deadEnd").deadEnd).toMatchObject({ kind: "used", purpose: "invite" });
    const again = await submit(token);
    expect(again.status).toBe(410);
    expect(again.thrown).toBe(false);
    expect(having(again.data, "deadEnd").deadEnd.kind).toBe("used");
    expect(await passwordHashOf(newcomer.id)).toBe(hash);
  });

  it("an expired link gives its expiry and the person who sent it, to ask for a new one", async () => {
    const { hr, invite } = await setUp();
    const sent = new Date(Date.now() - 8 * DAY);
    const page = await open(await invite(sent));
    expect(page.status).toBe(410);
    expect(having(page.data, "deadEnd").deadEnd).toEqual({
      kind: "expired",
      purpose: "invite",
      expiredAt: new Date(sent.getTime() + 7 * DAY),
      inviter: { name: "Hana Ito", email: hr.email, role: "HR" },
    });
    expect(having(page.data, "timeZone").timeZone).toEqual(expect.any(String));
  });

  it("a link that expires while the form is open says so when submitted, and sets no password", async () => {
    const { newcomer, invite } = await setUp();
    const token = await invite(new Date(Date.now() - 7 * DAY + 60_000));
    expect((await open(token)).status).toBe(200);
    await prisma.invitation.updateMany({ where: { personId: newcomer.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const submitted = await submit(token);
    expect(submitted.status).toBe(410);
    expect(having(submitted.data, "deadEnd").deadEnd.kind).toBe("expired");
    expect(await passwordHashOf(newcomer.id)).toBeNull();
  });

  it("an older link replaced by a newer one says to use the latest e-mail; the newer one works", async () => {
    const { hr, invite } = await setUp();
    const first = await invite(new Date(Date.now() - DAY));
    const second = await invite();
    const page = await open(first);
    expect(page.status).toBe(410);
    expect(having(page.data, "deadEnd").deadEnd).toEqual({ kind: "replaced", purpose: "invite", inviter: { name: "Hana Ito", email: hr.email, role: "HR" } });
    expect(having((await submit(first)).data, "deadEnd").deadEnd.kind).toBe("replaced");
    expect((await open(second)).status).toBe(200);
  });

  it("an expired link whose sender has left names nobody", async () => {
    const { hr, invite } = await setUp();
    const token = await invite(new Date(Date.now() - 8 * DAY));
    const other = await createTestPerson({ role: "HR" });
    expect((await deactivatePerson(hr.id, { actor: other, ip: null })).kind).not.toBe("refused");
    expect(having((await open(token)).data, "deadEnd").deadEnd).toMatchObject({ kind: "expired", inviter: null });
  });

  it("an expired or replaced reset link points to 'Forgot your password?', not to a person", async () => {
    const { newcomer } = await setUp();
    const now = Date.now();
    const reset = async (createdAt: number, expiresAt: number) => {
      const token = generateToken();
      await prisma.invitation.create({
        data: { tokenHash: hashToken(token), personId: newcomer.id, purpose: "reset", createdAt: new Date(createdAt), expiresAt: new Date(expiresAt) },
      });
      return token;
    };
    const old = await reset(now - 3 * 60 * 60 * 1000, now - 2 * 60 * 60 * 1000);
    expect(await invitationLinkState(old)).toMatchObject({ kind: "expired", purpose: "reset", inviter: null });
    // A newer request cuts the older link short at its own creation time.
    const cut = now - 10 * 60 * 1000;
    const older = await reset(now - 20 * 60 * 1000, cut);
    await reset(cut, cut + 60 * 60 * 1000);
    expect(await invitationLinkState(older)).toEqual({ kind: "replaced", purpose: "reset", inviter: null });
  });

  it("a deactivated person's link says the account is closed", async () => {
    const { hr, newcomer, invite } = await setUp();
    const token = await invite();
    await deactivatePerson(newcomer.id, { actor: hr, ip: null });
    const page = await open(token);
    expect(page.status).toBe(410);
    expect(having(page.data, "deadEnd").deadEnd).toEqual({ kind: "closed" });
    expect(having((await submit(token)).data, "deadEnd").deadEnd).toEqual({ kind: "closed" });
    expect(await passwordHashOf(newcomer.id)).toBeNull();
  });

  it("a link nobody issued is a 404 that reveals nothing", async () => {
    const page = await open("nosuchtoken");
    expect(page.status).toBe(404);
    expect(page.data).toEqual({ deadEnd: { kind: "unknown" }, timeZone: "UTC" });
    expect((await submit("nosuchtoken")).status).toBe(404);
  });
});
