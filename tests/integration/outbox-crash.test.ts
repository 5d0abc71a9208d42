/**
 * Crash test: a worker process killed between claiming messages and sending them. After a restart (once its
 * lease ran out) each message is sent exactly once: none lost, none twice.
 */
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/.server/db";
import { LEASE_MS } from "~/.server/outbox/deliver";
import { inviteMany } from "~/.server/people/invitation";
import { createTestPerson } from "../factories";
import { startSmtpSink, type SmtpSink } from "../helpers/smtp-sink";

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
  process.env.SMTP_URL = sink.url;
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await sink.close();
});

/** `npm run notify:run` in its own process, against this test's database and SMTP server. */
function notifyRun(now: Date, owner: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/notify-run.ts", "--now", now.toISOString(), "--owner", owner], {
    env: { ...process.env, SMTP_URL: sink.url, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr.on("data", (c: Buffer) => (out += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, out })),
  );
  return { child, exited };
}

const resultOf = (out: string) => JSON.parse(out.trim().split("\n").at(-1)!) as { delivered: { sent: number; retrying: number; failed: number } };

describe("a worker killed mid-send", () => {
  it("after a restart sends each message exactly once", { timeout: 60_000 }, async () => {
    const hr = await createTestPerson({ role: "HR" });
    const people = await Promise.all(Array.from({ length: 5 }, () => createTestPerson({ signedIn: false })));
    const t0 = new Date();
    await inviteMany(
      people.map((p) => p.id),
      { actor: hr, ip: null },
      t0,
    );

    // The first message's MAIL FROM reaches the server: the worker is killed right there, before anything is sent.
    const first = notifyRun(t0, "doomed");
    sink.onMailFrom(async () => {
      first.child.kill("SIGKILL");
      await new Promise((resolve) => setTimeout(resolve, 100));
      throw Object.assign(new Error("worker gone"), { responseCode: 421 });
    });
    const crashed = await first.exited;
    sink.onMailFrom(null);
    expect(crashed.signal).toBe("SIGKILL");
    expect(sink.messages).toHaveLength(0);
    const held = await prisma.outboxMessage.findMany({ where: { personId: { in: people.map((p) => p.id) } } });
    expect(held.every((m) => m.status === "SENDING" && m.leaseOwner === "doomed")).toBe(true);

    // Restarted before the lease ran out: the messages might still be in flight, so nothing is sent again yet.
    const early = await notifyRun(new Date(t0.getTime() + 30_000), "restarted").exited;
    expect(early.code, early.out).toBe(0);
    expect(resultOf(early.out).delivered.sent).toBe(0);

    const late = await notifyRun(new Date(t0.getTime() + LEASE_MS + 1000), "restarted").exited;
    expect(late.code, late.out).toBe(0);
    expect(resultOf(late.out).delivered).toEqual({ sent: 5, retrying: 0, failed: 0 });
    for (const p of people)
      expect(
        sink.messages.filter((m) => m.to.includes(p.email)),
        p.email,
      ).toHaveLength(1);
    expect(await prisma.outboxMessage.count({ where: { status: "SENT", personId: { in: people.map((p) => p.id) } } })).toBe(5);
  });
});
