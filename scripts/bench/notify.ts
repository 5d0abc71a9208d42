// npm run bench:notify [-- --people 1000 --runs 5]
// Times a bulk invitation (the HR request's work: `inviteMany`, one transaction that writes invitations and outbox
// rows) and the outbox draining it afterwards (`drainOutbox`) to a local SMTP server, next to a baseline measured
// in the same run: the very same messages sent straight through one pooled nodemailer transport with the pool
// settings of app/.server/outbox/transport.ts and the drain's concurrency (batches of 50 in parallel).
// The SMTP server is a child process (smtp-server that reads each message's headers and drops the rest, no MIME
// parsing), so it has its own core and is not what limits either side. Writes the section "Notifications
// (bench:notify)" of docs/benchmarks.md at the default sizes.
import { fork, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import { z } from "zod";
import { writeSection } from "./report";
import { status } from "./status";
import { longestStall } from "./stall";
import { FIRST_NAMES as FIRST, LAST_NAMES as LAST } from "./names";
import { migratedDb } from "./fresh-db";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > -1 ? Number(process.argv[i + 1]) : fallback;
};
const PEOPLE = arg("people", 1_000);
const RUNS = arg("runs", 5);
const DEFAULT_SIZES = PEOPLE === 1_000 && RUNS === 5;
const INVITE_GOAL_MS = 2_000;
const RATE_GOAL = 100;
/** drainOutbox claims and sends this many at once; the baseline sends in the same batches. */
const BATCH = 50;

const Received = z.array(z.object({ to: z.string(), messageId: z.string() }));
const SinkMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("listening"), port: z.number() }),
  z.object({ type: z.literal("received"), received: Received }),
]);
type SinkMessage = z.infer<typeof SinkMessage>;

/** The child: accept every message, keep its envelope recipient and Message-ID, answer the parent over IPC. */
function runSink() {
  let received: z.infer<typeof Received> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    closeTimeout: 500,
    onData(stream, session, callback) {
      let head = "";
      stream.on("data", (chunk: Buffer) => {
        if (!head.includes("\r\n\r\n")) head += chunk.toString("latin1");
      });
      stream.on("end", () => {
        const headers = head.slice(0, head.indexOf("\r\n\r\n"));
        const messageId = /^message-id:\s*(\S+)/im.exec(headers)?.[1] ?? "";
        for (const rcpt of session.envelope.rcptTo) received.push({ to: rcpt.address, messageId });
        callback(null);
      });
    },
  });
  const send = (message: SinkMessage) => process.send?.(message);
  server.listen(0, "127.0.0.1", () => {
    const address = server.server.address();
    send({ type: "listening", port: typeof address === "object" && address ? address.port : 0 });
  });
  process.on("message", (command) => {
    if (command === "take") {
      send({ type: "received", received });
      received = [];
    } else if (command === "close") server.close(() => process.exit(0));
  });
}

type Sink = { port: number; take: () => Promise<z.infer<typeof Received>>; close: () => Promise<void> };

async function startSink(): Promise<Sink> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ["--sink"], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const next = () =>
    new Promise<SinkMessage>((resolve, reject) => {
      const onMessage = (m: unknown) => {
        child.off("exit", onExit);
        resolve(SinkMessage.parse(m));
      };
      const onExit = (code: number | null) => {
        child.off("message", onMessage);
        reject(new Error(`the SMTP server exited (${code})`));
      };
      child.once("message", onMessage);
      child.once("exit", onExit);
    });
  const listening = await next();
  if (listening.type !== "listening") throw new Error("the SMTP server did not start");
  return {
    port: listening.port,
    async take() {
      const answer = next();
      child.send("take");
      const m = await answer;
      return m.type === "received" ? m.received : [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.send("close");
      }),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const DEPARTMENTS = ["Customer Support", "Front Desk", "Warehouse", "Billing", "Field Service", "Sales"];

/** Whether every person got exactly one message: the recipients are the people, and no Message-ID came twice. */
function checkDelivery(label: string, received: z.infer<typeof Received>, emails: Set<string>) {
  const ids = new Set(received.map((r) => r.messageId));
  const to = new Set(received.map((r) => r.to));
  const ok = received.length === emails.size && ids.size === emails.size && to.size === emails.size && [...to].every((t) => emails.has(t));
  if (!ok)
    throw new Error(`${label}: the SMTP server got ${received.length} messages (${ids.size} Message-IDs, ${to.size} recipients) for ${emails.size} people`);
  return received.length;
}

async function main() {
  if (process.argv.includes("--sink")) return runSink();
  const dir = mkdtempSync(join(tmpdir(), "baton-bench-notify-"));
  const dbFile = join(dir, "notify.db");
  const loadAtStart = loadavg()[0] ?? 0;
  const started = performance.now();
  status.update("Starting the SMTP server and a fresh database …");
  const sink = await startSink();
  try {
    await measure(sink, dbFile, loadAtStart, started);
  } finally {
    await sink.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(sink: Sink, dbFile: string, loadAtStart: number, started: number) {
  migratedDb(dbFile);
  // The app's modules read these when they are first used: set them before importing any.
  const smtpUrl = `smtp://127.0.0.1:${sink.port}`;
  Object.assign(process.env, {
    NODE_ENV: "production",
    DATABASE_URL: `file:${dbFile}`,
    SMTP_URL: smtpUrl,
    SMTP_FROM: "Baton <baton@northwind.example>",
    BATON_ORIGIN: "https://learn.northwind.example",
  });
  const { prisma } = await import("../../app/.server/db");
  const { inviteMany, invitationLink } = await import("../../app/.server/people/invitation");
  const { invitationMessage } = await import("../../app/.server/notifications/templates");
  const { renderEmail } = await import("../../app/.server/notifications/email-render");
  const { publicOrigin } = await import("../../app/.server/notifications/notify");
  const { drainOutbox, LEASE_MS } = await import("../../app/.server/outbox/deliver");
  const { claimDue, settle } = await import("../../app/.server/outbox/claim");
  const { closeMailTransport, senderAddress } = await import("../../app/.server/outbox/transport");
  // The baseline: one pool with transport.ts's settings, its own connections.
  const direct = nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections: 5, maxMessages: 500 });

  const hr = await prisma.person.create({ data: { email: "hr.lead@northwind.example", name: "Maren Holt", role: "HR", department: "People" } });
  const ctx = { actor: { id: hr.id, name: hr.name, email: hr.email }, ip: "127.0.0.1" };
  let made = 0;
  /** A new set of people as an HR export has them: a manager for every 40, spread over departments. */
  async function newPeople(set: number) {
    const managers = Math.ceil(PEOPLE / 40);
    const stamp = new Date();
    const rows = Array.from({ length: PEOPLE }, (_, i) => {
      const n = made + i;
      const first = FIRST[n % FIRST.length]!;
      const last = LAST[Math.floor(n / FIRST.length) % LAST.length]!;
      const department = DEPARTMENTS[i % DEPARTMENTS.length]!;
      return {
        id: `bench-${set}-${i}`,
        email: `${first}.${last}.${n}@northwind.example`
          .normalize("NFD")
          .replace(/[^A-Za-z0-9.@]/g, "")
          .toLowerCase(),
        name: `${first} ${last}`,
        role: i < managers ? ("MANAGER" as const) : ("LEARNER" as const),
        department,
        jobTitle: i < managers ? `${department} Lead` : `${department} Associate`,
        startDate: new Date(stamp.getTime() + ((i % 21) - 7) * 86_400_000),
        managerId: i < managers ? null : `bench-${set}-${i % managers}`,
      };
    });
    made += PEOPLE;
    await prisma.person.createMany({ data: rows.slice(0, managers) });
    await prisma.person.createMany({ data: rows.slice(managers) });
    return { prefix: `bench-${set}-`, ids: rows.map((r) => r.id), emails: new Set(rows.map((r) => r.email)) };
  }
  /** Invite a set and take its messages from the outbox as the worker will find them, for the baseline to send. */
  async function invite(ids: string[]) {
    const { result: outcomes, stallMs } = await longestStall(() => inviteMany(ids, ctx, new Date()));
    const emailed = outcomes.filter((o) => o.outcome === "emailed").length;
    if (emailed !== PEOPLE) throw new Error(`inviteMany e-mailed ${emailed} of ${PEOPLE}`);
    const rows = await prisma.outboxMessage.findMany({
      where: { status: "PENDING" },
      select: { recipient: true, subject: true, payload: true, idempotencyKey: true },
    });
    if (rows.length !== PEOPLE) throw new Error(`the outbox holds ${rows.length} waiting messages, not ${PEOPLE}`);
    return { stallMs, rows };
  }

  /** Where the drain's time goes: its database part alone (claim 50, read the payload, settle each), no SMTP. */
  async function timeBookkeeping() {
    const t = performance.now();
    let settled = 0;
    for (;;) {
      const claimed = await claimDue("bench-bookkeeping", new Date(), LEASE_MS, BATCH);
      if (claimed.length === 0) break;
      const done = await Promise.all(
        claimed.map((m) => {
          JSON.parse(m.payload);
          return settle(m.id, "bench-bookkeeping", { status: "SENT", sentAt: new Date(), payload: "{}", lastError: null });
        }),
      );
      settled += done.filter(Boolean).length;
    }
    if (settled !== PEOPLE) throw new Error(`bookkeeping settled ${settled} of ${PEOPLE}`);
    return performance.now() - t;
  }

  const results = {
    invite: [] as number[],
    stall: [] as number[],
    drain: [] as number[],
    direct: [] as number[],
    bookkeeping: [] as number[],
    delivered: 0,
    directDelivered: 0,
  };
  try {
    for (let run = 0; run < RUNS; run++) {
      const label = `Run ${run + 1}/${RUNS}`;
      status.update(`${label}: ${PEOPLE.toLocaleString("en-GB")} new people, bulk invitation …`);
      const people = await newPeople(run);
      let t = performance.now();
      const { stallMs, rows } = await invite(people.ids);
      results.invite.push(performance.now() - t);
      results.stall.push(stallMs);
      const mails = rows.map((r) => {
        const payload = z.object({ text: z.string(), html: z.string(), headers: z.record(z.string()) }).parse(JSON.parse(r.payload));
        const messageId = `<${createHash("sha256").update(r.idempotencyKey).digest("hex").slice(0, 40)}@baton>`;
        return { from: senderAddress(), to: r.recipient, subject: r.subject, text: payload.text, html: payload.html, headers: payload.headers, messageId };
      });

      const drain = async () => {
        status.update(`${label}: draining the outbox …`);
        t = performance.now();
        const drained = await drainOutbox();
        results.drain.push(performance.now() - t);
        if (drained.sent !== PEOPLE || drained.retrying + drained.failed > 0) throw new Error(`drainOutbox: ${JSON.stringify(drained)}`);
        results.delivered += checkDelivery("drain", await sink.take(), people.emails);
        const sent = await prisma.outboxMessage.count({ where: { status: "SENT", personId: { startsWith: people.prefix } } });
        if (sent !== PEOPLE) throw new Error(`${sent} outbox rows marked sent, not ${PEOPLE}`);
      };
      const baseline = async () => {
        status.update(`${label}: the same messages straight through nodemailer …`);
        t = performance.now();
        for (let i = 0; i < mails.length; i += BATCH) await Promise.all(mails.slice(i, i + BATCH).map((m) => direct.sendMail(m)));
        results.direct.push(performance.now() - t);
        results.directDelivered += checkDelivery("baseline", await sink.take(), people.emails);
      };
      // Alternate which goes first, so neither always meets the other's leftover connections or a warmer cache.
      if (run % 2 === 0) {
        await drain();
        await baseline();
      } else {
        await baseline();
        await drain();
      }
      status.update(`${label}: the outbox's bookkeeping without SMTP …`);
      await invite((await newPeople(RUNS + run)).ids);
      results.bookkeeping.push(await timeBookkeeping());
      status.log(
        `${label}: invitation ${Math.round(results.invite[run]!)} ms, drain ${Math.round(results.drain[run]!)} ms, direct ${Math.round(results.direct[run]!)} ms, bookkeeping ${Math.round(results.bookkeeping[run]!)} ms`,
      );
    }

    // Where the invitation's time goes: its e-mails rendered alone, as notify() renders them inside the transaction.
    status.update("Rendering the invitation e-mails alone …");
    const renders: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const t = performance.now();
      for (let i = 0; i < PEOPLE; i++) {
        const content = invitationMessage({ link: invitationLink(`bench-token-${run}-${i}`), expiresAt: new Date(), invitedBy: hr.name });
        renderEmail(content, { name: `Person ${i}`, origin: publicOrigin() });
      }
      renders.push(performance.now() - t);
    }

    const section = renderSection({
      invite: median(results.invite),
      invites: results.invite,
      stall: median(results.stall),
      drain: median(results.drain),
      drains: results.drain,
      direct: median(results.direct),
      directs: results.direct,
      delivered: results.delivered,
      directDelivered: results.directDelivered,
      bookkeeping: median(results.bookkeeping),
      render: median(renders),
      loadAtStart,
      seconds: (performance.now() - started) / 1000,
    });
    status.log("");
    console.log(section);
    if (DEFAULT_SIZES) {
      writeSection(join("docs", "benchmarks.md"), section);
      console.error(`written to docs/benchmarks.md (section "Notifications (bench:notify)")`);
    } else console.error("not written to docs/benchmarks.md (sizes are not the defaults)");
  } finally {
    closeMailTransport();
    direct.close();
    await prisma.$disconnect();
  }
}

type Figures = {
  invite: number;
  invites: number[];
  stall: number;
  drain: number;
  drains: number[];
  direct: number;
  directs: number[];
  delivered: number;
  directDelivered: number;
  bookkeeping: number;
  render: number;
  loadAtStart: number;
  seconds: number;
};

function renderSection(r: Figures): string {
  const n = PEOPLE.toLocaleString("en-GB");
  const rate = (ms: number) => (PEOPLE / ms) * 1000;
  const f = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
  const perS = (ms: number) => `${Math.round(rate(ms)).toLocaleString("en-GB")}/s`;
  const all = (xs: number[]) => xs.map((x) => f(x)).join(", ");
  const mark = (met: boolean) => (met ? "met" : "**missed**");
  const inviteMet = r.invite <= INVITE_GOAL_MS;
  const drainMet = rate(r.drain) >= RATE_GOAL;
  const cpu = cpus()[0]?.model.trim() ?? "unknown CPU";
  const rows = [
    `| Bulk invitation of ${n} people (\`inviteMany\`: one transaction, invitations + outbox rows + audit) | ${f(r.invite)} (runs: ${all(r.invites)}) | — | — | ≤ 2 s | ${mark(inviteMet)} |`,
    `| … of which rendering the ${n} e-mails (\`renderEmail\`, timed alone) | ${f(r.render)} | — | ${Math.round((r.render / r.invite) * 100)} % of it | — | |`,
    `| … longest the event loop was blocked during it | ${f(r.stall)} | — | — | — | |`,
    `| Outbox drain to the local SMTP server (\`drainOutbox\`) | ${perS(r.drain)} (${f(r.drain)}; runs: ${all(r.drains)}) | ${perS(r.direct)} (${f(r.direct)}; runs: ${all(r.directs)}) | ${(rate(r.drain) / rate(r.direct)).toFixed(2)}× direct nodemailer | ≥ 100/s | ${mark(drainMet)} |`,
    `| … the drain's database part alone (claim 50, settle each; no SMTP) | ${perS(r.bookkeeping)} (${f(r.bookkeeping)}) | — | — | — | |`,
    `| Messages received by the SMTP server, drain / direct (${RUNS} runs × ${n}) | ${r.delivered.toLocaleString("en-GB")} / ${r.directDelivered.toLocaleString("en-GB")}, each person once, no Message-ID twice | — | — | exactly once | met |`,
  ];
  const misses: string[] = [];
  if (!inviteMet)
    misses.push(
      `The bulk invitation took ${f(r.invite)}, ${f(r.invite - INVITE_GOAL_MS)} over the 2 s goal; ${f(r.render)} of it is rendering the e-mails inside the transaction. Rendering them when the worker sends them (the outbox row keeping only the link and the name) would take that off the request; the rest is the queries below.`,
    );
  if (!drainMet)
    misses.push(
      `The drain sent ${perS(r.drain)}, ${Math.round(RATE_GOAL - rate(r.drain))}/s short of 100/s. SMTP alone (the baseline) runs at ${perS(r.direct)} and the database part alone at ${perS(r.bookkeeping)}: the gap is the per-message settle query and the claim between batches; settling a batch in one statement would close it.`,
    );
  return [
    "## Notifications (bench:notify)",
    "",
    `\`npm run bench:notify\` (scripts/bench/notify.ts), ${new Date().toISOString().slice(0, 10)}. Machine: ${cpu}, ${availableParallelism()} cores, ` +
      `${(totalmem() / 1024 ** 3).toFixed(0)} GB memory, Node ${process.version}; load average ${r.loadAtStart.toFixed(1)} at the start and ` +
      `${(loadavg()[0] ?? 0).toFixed(1)} at the end (other work on the machine moves absolute figures). The run took ${Math.round(r.seconds)} s.`,
    "",
    `A fresh SQLite database (the committed migrations) with an HR actor; each of ${RUNS} runs adds ${n} new people as an HR export ` +
      `has them (names, addresses, six departments, a manager for every 40, start dates around today), invites all of them with ` +
      "`inviteMany` — the work of HR's request — and then sends the queued messages with `drainOutbox`, the worker's loop " +
      `(claim 50 with a lease, send them in parallel, settle each). **Baseline, same run:** the same ${n} messages (subject, text, HTML, ` +
      "headers and Message-ID taken from the outbox rows before the drain) sent straight through one pooled nodemailer transport with " +
      "the outbox's pool settings (5 connections, 500 messages each), in the same batches of 50 in parallel; drain and baseline take " +
      "turns going first. The SMTP server is smtp-server in a child process on 127.0.0.1 (its own core) that reads each message's " +
      "headers and drops the body without MIME parsing, so the server is not what limits either side; it records each envelope " +
      "recipient and Message-ID to prove every person got exactly one message. The drain's database part alone is timed on one more " +
      `set of ${n} per run, invited the same way, then claimed and settled as the drain does but not sent. Medians of the runs; rates ` +
      "are messages ÷ wall time.",
    "",
    "| figure | Baton | baseline | ratio | goal | |",
    "|---|---|---|---|---|---|",
    ...rows,
    "",
    misses.length ? ["### Where a goal is missed, and why", "", ...misses.map((m) => `- ${m}`), ""].join("\n") : "Both goals are met.\n",
    "### Where the time goes",
    "",
    `- **Invitation.** ${f(r.render)} of the ${f(r.invite)} is rendering the e-mails (React's \`renderToStaticMarkup\` and the text version, ` +
      "inside the transaction); the rest is the transaction's queries through Prisma on better-sqlite3 — read the people, expire their " +
      "earlier links, insert the invitations, the outbox rows and the audit events, 500 or 100 rows a statement. " +
      (r.stall > r.invite / 2
        ? `Those queries are synchronous and \`inviteMany\` never yields, so the event loop is blocked for ${f(r.stall)} of it: every other ` +
          "request to the process waits that long. Pacing it as the import is paced (docs/decisions/010: `yieldToOthers()` between the " +
          "500-person batches and during rendering) should cut that wait to slices of about 20 ms without changing the transaction."
        : `It yields as it goes: the longest the event loop was blocked is ${f(r.stall)}.`),
    `- **Drain.** The baseline's pure SMTP time (${f(r.direct)}) plus the drain's database part alone (${f(r.bookkeeping)}) comes to ` +
      `${f(r.direct + r.bookkeeping)}, against the drain's ${f(r.drain)}: the gap to direct nodemailer is the outbox's bookkeeping — one ` +
      "claim (UPDATE … RETURNING) per 50 and one settle UPDATE per message, each a synchronous SQLite write that holds the event loop " +
      "while replies wait on the sockets. Settling each batch in one statement would close most of it; at this rate it is not needed for the goal.",
    "",
    "Times vary with machine load (other work shared these 2 cores; see the load average); the ratio is what to compare. Re-run with " +
      "`npm run bench:notify` (`-- --people N --runs N` to change the size; only the defaults write this section).",
    "",
  ].join("\n");
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
