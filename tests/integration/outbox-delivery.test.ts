/**
 * The e-mail path against a real SMTP server (tests/helpers/smtp-sink.ts): invitations and resets arrive and their
 * links work once, headers and one-click unsubscribe work, a bouncing address fails alone, an SMTP outage is
 * retried with backoff and then marked failed, and two workers (or a dead one and its successor) send each
 * message exactly once.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { requestPasswordReset } from "~/.server/auth/password-reset";
import { prisma } from "~/.server/db";
import { notify } from "~/.server/notifications/notify";
import { dueReminderMessage } from "~/.server/notifications/templates";
import { claimDue, settle } from "~/.server/outbox/claim";
import { backoffAfter, drainOutbox, LEASE_MS, MAX_ATTEMPTS } from "~/.server/outbox/deliver";
import { mailStatus } from "~/.server/outbox/transport";
import { findUsableInvitation, inviteMany, redeemInvitation } from "~/.server/people/invitation";
import { action as forgotPassword } from "~/routes/forgot-password";
import { action as unsubscribeAction } from "~/routes/unsubscribe.$token";
import { createTestPerson, makeRequest } from "../factories";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink";

let sink: SmtpSink;
let hr: { id: string; name: string; email: string };

beforeAll(async () => {
  sink = await startSmtpSink();
  process.env.SMTP_URL = sink.url;
  process.env.SMTP_FROM = "Baton <baton@baton.test>";
  const p = await createTestPerson({ role: "HR", name: "Hana HR" });
  hr = { id: p.id, name: p.name, email: p.email };
});
afterEach(async () => {
  sink.rejectRecipients(null);
  sink.setDown(false);
  // Nothing left behind for the next test's drain.
  await prisma.outboxMessage.deleteMany({});
  sink.clear();
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  delete process.env.SMTP_FROM;
  await sink.close();
});

const ctx = () => ({ actor: hr, ip: null });
const received = (email: string) => sink.messages.filter((m) => m.to.includes(email));

describe("invitations", () => {
  it("arrive by e-mail, and the link sets a password once", async () => {
    const newcomer = await createTestPerson({ signedIn: false, name: "Nia New" });
    const [outcome] = await inviteMany([newcomer.id], ctx());
    expect(outcome).toMatchObject({ outcome: "emailed", email: newcomer.email });

    expect(await drainOutbox({ owner: "test" })).toEqual({ sent: 1, retrying: 0, failed: 0 });
    const mail = await sink.waitFor((m) => m.to.includes(newcomer.email));
    expect(mail.subject).toBe("You're invited to Baton");
    expect(mail.from).toContain("baton@baton.test");
    expect(mail.text).toContain("Hello Nia New,");
    expect(mail.text).toContain("Hana HR invited you");
    const token = /http:\/\/localhost:3000\/invite\/([a-z2-7]+)/.exec(mail.text)?.[1];
    expect(token).toBeTruthy();
    expect(mail.html).toContain(`/invite/${token}`);
    // A message someone needs in order to sign in has no unsubscribe.
    expect(mail.headers["list-unsubscribe"]).toBeUndefined();

    expect(await redeemInvitation(token!, "a long and unusual passphrase", null)).toMatchObject({ id: newcomer.id });
    expect(await redeemInvitation(token!, "another long passphrase here", null)).toBeNull();
    // The sent row keeps who, what and when, not the one-time link.
    const row = await prisma.outboxMessage.findFirstOrThrow({ where: { personId: newcomer.id } });
    expect(row).toMatchObject({ status: "SENT", attempts: 1, payload: "{}", kind: "invitation" });
  });

  it("reports an invalid address per person and lets a bouncing one fail alone", async () => {
    const fine = await createTestPerson({ signedIn: false });
    const invalid = await createTestPerson({ signedIn: false, email: "no-at-sign.example" });
    const bouncing = await createTestPerson({ signedIn: false });
    sink.rejectRecipients((address) => address === bouncing.email);

    const outcomes = await inviteMany([fine.id, invalid.id, bouncing.id], ctx());
    expect(Object.fromEntries(outcomes.map((o) => [o.email, o.outcome]))).toEqual({
      [fine.email]: "emailed",
      [invalid.email]: "invalid-address",
      [bouncing.email]: "emailed",
    });
    // HR gets the link for the one we cannot e-mail, not for the others.
    expect(outcomes.find((o) => o.email === invalid.email)?.link).toMatch(/\/invite\//);
    expect(outcomes.find((o) => o.email === fine.email)?.link).toBeUndefined();

    expect(await drainOutbox({ owner: "test" })).toEqual({ sent: 1, retrying: 0, failed: 1 });
    expect(received(fine.email)).toHaveLength(1);
    const failed = await prisma.outboxMessage.findFirstOrThrow({ where: { personId: bouncing.id } });
    expect(failed.status).toBe("FAILED");
    expect(failed.lastError).toMatch(/550/);
    expect(await prisma.outboxMessage.count({ where: { personId: invalid.id } })).toBe(0);
  });
});

describe("when the SMTP server is down", () => {
  it("retries with growing waits, then marks the message failed with the server's answer", async () => {
    const p = await createTestPerson({ signedIn: false });
    const t0 = new Date();
    await inviteMany([p.id], ctx(), t0);
    sink.setDown(true);
    let now = t0;
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      expect(await drainOutbox({ owner: "test", now: () => now })).toEqual({ sent: 0, retrying: 1, failed: 0 });
      const row = await prisma.outboxMessage.findFirstOrThrow({ where: { personId: p.id } });
      expect(row).toMatchObject({ status: "PENDING", attempts: attempt });
      expect(row.availableAt.getTime() - now.getTime()).toBe(backoffAfter(attempt));
      // Not before its time.
      expect(await drainOutbox({ owner: "test", now: () => new Date(row.availableAt.getTime() - 1000) })).toEqual({ sent: 0, retrying: 0, failed: 0 });
      now = row.availableAt;
    }
    expect(mailStatus()).toMatchObject({ configured: true, ok: false });
    expect(await drainOutbox({ owner: "test", now: () => now })).toEqual({ sent: 0, retrying: 0, failed: 1 });
    const row = await prisma.outboxMessage.findFirstOrThrow({ where: { personId: p.id } });
    expect(row).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS });
    expect(row.lastError).toMatch(/421/);
    expect(received(p.email)).toHaveLength(0);
  });
});

describe("several workers", () => {
  it("two workers draining at the same time send each message once", async () => {
    const people = await Promise.all(Array.from({ length: 30 }, () => createTestPerson({ signedIn: false })));
    await inviteMany(
      people.map((p) => p.id),
      ctx(),
    );
    const [a, b] = await Promise.all([drainOutbox({ owner: "worker-a" }), drainOutbox({ owner: "worker-b" })]);
    expect(a.sent + b.sent).toBe(30);
    for (const p of people) expect(received(p.email), p.email).toHaveLength(1);
  });

  it("a worker that died holding messages: another takes them over once the lease ran out, and the dead one cannot settle them", async () => {
    const people = await Promise.all(Array.from({ length: 3 }, () => createTestPerson({ signedIn: false })));
    const t0 = new Date();
    await inviteMany(
      people.map((p) => p.id),
      ctx(),
      t0,
    );
    const held = await claimDue("dead-worker", t0, LEASE_MS, 10);
    expect(held).toHaveLength(3);

    expect(await drainOutbox({ owner: "successor", now: () => new Date(t0.getTime() + LEASE_MS - 1000) })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await drainOutbox({ owner: "successor", now: () => new Date(t0.getTime() + LEASE_MS + 1000) })).toEqual({ sent: 3, retrying: 0, failed: 0 });
    expect(await settle(held[0]!.id, "dead-worker", { status: "FAILED", lastError: "late" })).toBe(false);
    for (const p of people) expect(received(p.email)).toHaveLength(1);
    expect(await prisma.outboxMessage.count({ where: { status: "SENT", personId: { in: people.map((p) => p.id) } } })).toBe(3);
  });
});

describe("forgot password", () => {
  it("answers the same for a known and an unknown address; only the known one gets a link, valid for an hour", async () => {
    const known = await createTestPerson({ name: "Kai Known" });
    const answer = async (email: string) => {
      const response = (await forgotPassword({
        request: makeRequest("/forgot-password", { form: { email }, ip: "198.51.100.20" }),
        params: {},
        context: {},
      })) as unknown;
      return JSON.stringify(response);
    };
    expect(await answer(known.email)).toBe(await answer("nobody-here@test.baton"));

    await expect.poll(() => prisma.outboxMessage.count({ where: { kind: "password_reset" } })).toBe(1);
    await drainOutbox({ owner: "test" });
    const mail = await sink.waitFor((m) => m.to.includes(known.email));
    expect(mail.subject).toBe("Reset your Baton password");
    const token = /\/invite\/([a-z2-7]+)/.exec(mail.text)![1]!;
    const reset = await findUsableInvitation(token);
    expect(reset?.purpose).toBe("reset");
    expect(await findUsableInvitation(token, new Date(Date.now() + 61 * 60 * 1000))).toBeNull();
    expect(await redeemInvitation(token, "a brand new passphrase 9", null)).toMatchObject({ id: known.id });
    expect(received("nobody-here@test.baton")).toHaveLength(0);
  });

  it("is throttled per address: a fourth request within the hour sends nothing", async () => {
    const p = await createTestPerson();
    const t = new Date();
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await requestPasswordReset(p.email, `192.0.2.${i}`, new Date(t.getTime() + i * 1000)));
    expect(outcomes).toEqual(["sent", "sent", "sent", "throttled"]);
    expect(await prisma.outboxMessage.count({ where: { personId: p.id, kind: "password_reset" } })).toBe(3);
    // Each new link replaces the one before.
    expect(await prisma.invitation.count({ where: { personId: p.id, purpose: "reset", expiresAt: { gt: new Date(t.getTime() + 10_000) } } })).toBe(1);
  });
});

describe("unsubscribe", () => {
  it("every optional e-mail carries List-Unsubscribe; one click turns that kind off by e-mail only", async () => {
    const learner = await createTestPerson();
    const remind = (day: string) =>
      prisma.$transaction((tx) =>
        notify(
          tx,
          [
            {
              kind: "due_reminder",
              key: `due_reminder:${learner.id}:${day}`,
              to: learner,
              urgent: true,
              content: dueReminderMessage({
                items: [{ courseTitle: "Listening first", courseSlug: "x", curriculumName: "C", dueDate: new Date("2026-12-01T00:00:00Z"), when: "tomorrow" }],
              }),
            },
          ],
          new Date(),
        ),
      );
    expect(await remind("2026-11-30")).toMatchObject({ app: 1, email: 1 });
    await drainOutbox({ owner: "test" });
    const mail = await sink.waitFor((m) => m.to.includes(learner.email));
    expect(mail.subject).toBe("Due tomorrow: Listening first");
    expect(mail.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    const url = /<(http:\/\/localhost:3000\/unsubscribe\/[^>]+)>/.exec(mail.headers["list-unsubscribe"] ?? "")?.[1];
    expect(url).toBeTruthy();
    expect(mail.text).toContain(url);

    // What a mail provider sends for a one-click unsubscribe (RFC 8058).
    const token = url!.split("/").at(-1)!;
    const request = new Request(url!, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" });
    expect(await unsubscribeAction({ request, params: { token }, context: {} })).toMatchObject({ done: true });

    expect(await remind("2026-12-01")).toMatchObject({ app: 1, email: 0 });
    // A forged token for someone else does nothing.
    const forged = token.replace(learner.id, hr.id);
    await expect(unsubscribeAction({ request, params: { token: forged }, context: {} })).rejects.toMatchObject({ status: 404 });
  });
});
