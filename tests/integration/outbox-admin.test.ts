import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "~/.server/db";
import { OUTBOX_PAGE_SIZE, outboxPage, retryAllFailed, retryMessage } from "~/.server/outbox/admin";
import { action as outboxAction, loader as outboxLoader } from "~/routes/_app.hr.outbox";
import { createTestPerson, makeRequest, outcomeOf, signedInCookie } from "../factories";

const ctx = { context: {} };
const NOW = new Date("2026-11-20T10:00:00Z");
let seq = 0;
let hr: Awaited<ReturnType<typeof createTestPerson>>;
let retry: { actor: { id: string; email: string }; ip: string | null; now: Date };

beforeAll(async () => {
  hr = await createTestPerson({ role: "HR", name: "Hana HR" });
  retry = { actor: hr, ip: "203.0.113.9", now: NOW };
});
beforeEach(async () => {
  await prisma.outboxMessage.deleteMany();
});

type Status = "PENDING" | "SENDING" | "SENT" | "FAILED";

/** An outbox row `minutesAgo` before NOW. */
function addMessage(status: Status, fields: { minutesAgo?: number; personId?: string; attempts?: number; lastError?: string } = {}) {
  seq += 1;
  const createdAt = new Date(NOW.getTime() - (fields.minutesAgo ?? 0) * 60_000);
  return prisma.outboxMessage.create({
    data: {
      channel: "email",
      kind: "due_reminder",
      idempotencyKey: `email:test:${seq}`,
      personId: fields.personId ?? null,
      recipient: `someone${seq}@test.baton`,
      subject: `Subject ${seq}`,
      payload: JSON.stringify({ text: "hi", html: "<p>hi</p>", headers: {} }),
      status,
      attempts: fields.attempts ?? (status === "FAILED" ? 5 : 0),
      availableAt: createdAt,
      createdAt,
      sentAt: status === "SENT" ? createdAt : null,
      lastError: fields.lastError ?? (status === "FAILED" ? "SMTP 550: mailbox unavailable" : null),
      leaseOwner: status === "SENDING" ? "worker-1" : null,
      leaseUntil: status === "SENDING" ? new Date(NOW.getTime() + 60_000) : null,
    },
  });
}

describe("HR's outbox page", () => {
  it("filters by status, counts each, and lists newest first with the person and kind", async () => {
    const person = await createTestPerson({ name: "Pat Pending" });
    await addMessage("PENDING", { minutesAgo: 5, personId: person.id });
    await addMessage("SENDING", { minutesAgo: 4 });
    await addMessage("SENT", { minutesAgo: 3 });
    await addMessage("SENT", { minutesAgo: 2 });
    await addMessage("FAILED", { minutesAgo: 1 });

    const all = await outboxPage({ status: "all", page: 1 });
    expect(all.counts).toEqual({ all: 5, pending: 2, sent: 2, failed: 1 });
    expect(all.rows.map((r) => r.status)).toEqual(["FAILED", "SENT", "SENT", "SENDING", "PENDING"]);

    const pending = await outboxPage({ status: "pending", page: 1 });
    expect(pending.rows.map((r) => r.status)).toEqual(["SENDING", "PENDING"]);
    expect(pending.rows[1]).toMatchObject({ personName: "Pat Pending", kindLabel: expect.stringMatching(/Reminders of due dates/), attempts: 0 });
    expect(pending.rows[0]!.personName).toBeNull();

    expect((await outboxPage({ status: "sent", page: 1 })).rows.every((r) => r.status === "SENT" && r.sentAt)).toBe(true);
    const failed = await outboxPage({ status: "failed", page: 1 });
    expect(failed.rows).toHaveLength(1);
    expect(failed.rows[0]).toMatchObject({ lastError: "SMTP 550: mailbox unavailable", attempts: 5 });
  });

  it("pages 50 at a time", async () => {
    for (let i = 0; i < OUTBOX_PAGE_SIZE + 3; i++) await addMessage("SENT", { minutesAgo: i });
    const first = await outboxPage({ status: "sent", page: 1 });
    expect(first).toMatchObject({ page: 1, pages: 2 });
    expect(first.rows).toHaveLength(50);
    const second = await outboxPage({ status: "sent", page: 2 });
    expect(second.rows).toHaveLength(3);
    expect((await outboxPage({ status: "sent", page: 7 })).page).toBe(2);
    expect((await outboxPage({ status: "failed", page: 3 })).page).toBe(1);
  });
});

describe("retrying failed messages", () => {
  it("puts a failed message back in the queue from scratch, keeps its last error, and audits it", async () => {
    const failed = await addMessage("FAILED", { minutesAgo: 60 });
    expect(await retryMessage(failed.id, retry)).toEqual({ kind: "ok" });
    const after = await prisma.outboxMessage.findUniqueOrThrow({ where: { id: failed.id } });
    expect(after).toMatchObject({ status: "PENDING", attempts: 0, availableAt: NOW, lastError: "SMTP 550: mailbox unavailable", leaseOwner: null });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "outbox.retried", target: failed.recipient } });
    expect(audit).toMatchObject({ actorId: hr.id, ip: "203.0.113.9" });
    expect(JSON.parse(audit.details!)).toMatchObject({ id: failed.id, attempts: 5 });

    // A second click finds it no longer failed.
    expect(await retryMessage(failed.id, retry)).toEqual({ kind: "not-failed" });
  });

  it("retries only failed messages", async () => {
    const audits = () => prisma.auditEvent.count({ where: { action: "outbox.retried" } });
    const before = await audits();
    for (const status of ["PENDING", "SENDING", "SENT"] as const) {
      const m = await addMessage(status);
      expect(await retryMessage(m.id, retry), status).toEqual({ kind: "not-failed" });
      expect((await prisma.outboxMessage.findUniqueOrThrow({ where: { id: m.id } })).status).toBe(status);
    }
    expect(await retryMessage("no-such-message", retry)).toEqual({ kind: "not-found" });
    expect(await audits()).toBe(before);
  });

  it("retries all failed at once, in one audited step, leaving the others alone", async () => {
    await addMessage("FAILED");
    await addMessage("FAILED");
    await addMessage("FAILED");
    const sent = await addMessage("SENT");
    const before = await prisma.auditEvent.count({ where: { action: "outbox.retried", target: "all failed" } });

    expect(await retryAllFailed(retry)).toBe(3);
    expect(await prisma.outboxMessage.count({ where: { status: "FAILED" } })).toBe(0);
    expect(await prisma.outboxMessage.count({ where: { status: "PENDING", attempts: 0, availableAt: NOW } })).toBe(3);
    expect((await prisma.outboxMessage.findUniqueOrThrow({ where: { id: sent.id } })).status).toBe("SENT");
    const audits = await prisma.auditEvent.findMany({ where: { action: "outbox.retried", target: "all failed" }, orderBy: { at: "desc" } });
    expect(audits).toHaveLength(before + 1);
    expect(JSON.parse(audits[0]!.details!)).toEqual({ count: 3 });

    expect(await retryAllFailed(retry)).toBe(0);
    expect(await prisma.auditEvent.count({ where: { action: "outbox.retried", target: "all failed" } })).toBe(before + 1);
  });
});

describe("the Outbox route", () => {
  let hrCookie: string;
  beforeAll(async () => {
    hrCookie = (await signedInCookie(hr.id)).cookie;
  });
  const load = (path: string, cookie = hrCookie) => outcomeOf(outboxLoader({ request: makeRequest(path, { cookie }), params: {}, ...ctx }));
  const post = (form: Record<string, string>, cookie = hrCookie) =>
    outcomeOf(outboxAction({ request: makeRequest("/hr/outbox", { cookie, form }), params: {}, ...ctx }));

  it("is HR only", async () => {
    const learner = await createTestPerson();
    const { cookie } = await signedInCookie(learner.id);
    const failed = await addMessage("FAILED");
    expect((await load("/hr/outbox", cookie)).status).toBe(403);
    expect((await post({ intent: "retry", id: failed.id }, cookie)).status).toBe(403);
    expect((await prisma.outboxMessage.findUniqueOrThrow({ where: { id: failed.id } })).status).toBe("FAILED");
  });

  it("falls back to the defaults for a nonsense query, and says whether e-mail is set up", async () => {
    await addMessage("SENT");
    const page = await load("/hr/outbox?status=everything&page=-4");
    expect(page.status).toBe(200);
    expect(page.data.outbox).toMatchObject({ status: "all", page: 1 });
    expect(page.data.mail).toHaveProperty("configured");
  });

  it("retries by POST and answers bad input with a 4xx and a message", async () => {
    const failed = await addMessage("FAILED");
    const ok = await post({ intent: "retry", id: failed.id });
    expect(ok).toMatchObject({ status: 200, data: { ok: true } });
    expect((await post({ intent: "retry", id: failed.id })).status).toBe(409);
    expect((await post({ intent: "retry", id: "missing" })).status).toBe(404);
    const unknown = await post({ intent: "purge" });
    expect(unknown.status).toBe(400);
    expect(unknown.data.message).toMatch(/does not do/);
    expect((await post({ intent: "retry" })).status).toBe(400);
    await addMessage("FAILED");
    expect((await post({ intent: "retry-all" })).data.message).toMatch(/1 message is back in the queue/);
  });
});
