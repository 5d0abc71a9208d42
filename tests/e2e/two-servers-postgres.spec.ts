// Two Baton machines, as far as Baton can tell: two `node server.mjs` processes (no WEB_CONCURRENCY) on one
// PostgreSQL database of their own, behind a round-robin proxy (docs/decisions/018). A session made by one serves
// the other; failed sign-ins are counted in the shared table, so the limit is the same as with one server; both run
// the notification schedule, and a due reminder still goes out once. No browser: plain HTTP through the proxy.
import { expect, test } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import http from "node:http";
import { createInterface } from "node:readline";
import pg from "pg";
import { hashPassword } from "../../app/.server/auth/password";
import { getCourse } from "../../app/.server/content/catalog";
import { migratePostgres } from "../../scripts/db/migrate-postgres.mjs";
import { startCluster } from "../../scripts/db/postgres-cluster.mjs";
import { adminQuery, databaseUrl } from "../setup/postgres";
import { waitForMail, type Mail } from "./mail";
import { startRoundRobinProxy, UPSTREAM_HEADER, type RoundRobinProxy } from "./round-robin-proxy";
import { freePort } from "../../scripts/free-port.mjs";

const COURSE = "internal-customer-service";
const PASSWORD = "two-servers-42";
const MAIL_API = `http://127.0.0.1:${process.env.MAIL_SINK_HTTP_PORT ?? 3926}`;
/** Each process's notification worker makes its first pass this long after it starts (app/.server/outbox/worker.ts). */
const FIRST_PASS_MS = 5_000;

type LogLine = { pid: number; msg: string; level: string; err?: { message?: string } };
type Reply = { status: number; upstream: number; cookies: string[]; location: string | null; body: string };
type Server = { child: ChildProcess; lines: LogLine[]; listeningAt: number; exited: Promise<void> };

const suffix = randomBytes(4).toString("hex");
const learner = { id: `two-servers-learner-${suffix}`, email: `learner-${suffix}@two-servers.test`, name: "Robin Relay" };
const hr = { id: `two-servers-hr-${suffix}`, email: `hr-${suffix}@two-servers.test`, name: "Harper Rowe" };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** The built server on `port`, resolved once it logs that it listens; its JSON log lines are kept. */
function startServer(port: number, env: Record<string, string>): Promise<Server> {
  const { WEB_CONCURRENCY: _one, BATON_WORKER_INDEX: _first, ...inherited } = process.env;
  const child = spawn(process.execPath, ["server.mjs"], {
    env: { ...inherited, ...env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines: LogLine[] = [];
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      reject(new Error(`the server on port ${port} did not start within 20 s:\n${lines.map((l) => l.msg).join("\n")}`));
    }, 20_000);
    void exited.then(() => reject(new Error(`the server on port ${port} stopped at start:\n${lines.map((l) => l.msg).join("\n")}`)));
    createInterface({ input: child.stdout! }).on("line", (text) => {
      try {
        lines.push(JSON.parse(text));
      } catch {
        return;
      }
      if (lines.at(-1)!.msg.startsWith("Baton is running")) {
        clearTimeout(timer);
        resolve({ child, lines, listeningAt: Date.now(), exited });
      }
    });
  });
}

/** Every message the mail sink holds for this address. */
async function mailsTo(address: string): Promise<Mail[]> {
  const response = await fetch(`${MAIL_API}/messages?to=${encodeURIComponent(address)}`);
  if (!response.ok) throw new Error(`mail sink answered ${response.status}`);
  return response.json();
}

test.describe("two servers on one PostgreSQL database behind a round-robin proxy", () => {
  test.describe.configure({ timeout: 60_000 });

  const course = getCourse(COURSE);
  const lesson = course?.lessons.find((l) => l.completion === "view");
  let stopCluster: (() => void) | undefined;
  let dropDatabase: (() => Promise<unknown>) | undefined;
  let db: pg.Client | undefined;
  let proxy: RoundRobinProxy | undefined;
  const servers: Server[] = [];

  /** One request through the proxy on a connection of its own, as a browser on the proxy's origin sends it. */
  function send(path: string, options: { cookie?: string; form?: Record<string, string> } = {}): Promise<Reply> {
    if (!proxy) throw new Error("the proxy is not running");
    const body = options.form && new URLSearchParams(options.form).toString();
    const headers: Record<string, string> = { origin: proxy.origin, accept: "text/html" };
    if (options.cookie) headers.cookie = options.cookie;
    if (body) headers["content-type"] = "application/x-www-form-urlencoded";
    return new Promise((resolve, reject) => {
      const request = http.request(new URL(path, proxy!.origin), { method: body ? "POST" : "GET", headers, agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            upstream: Number(response.headers[UPSTREAM_HEADER]),
            cookies: (response.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]!),
            location: response.headers.location ?? null,
            // React separates adjacent text with empty comments: "1<!-- --> of <!-- -->6".
            body: Buffer.concat(chunks).toString("utf8").replaceAll("<!-- -->", ""),
          }),
        );
      });
      request.on("error", reject);
      request.end(body);
    });
  }

  /** What either server logged as errors, for a failure's message and the final check. */
  const errors = () =>
    servers.flatMap((s, i) => s.lines.filter((l) => l.level === "error").map((l) => `server ${i}: ${l.msg}: ${l.err?.message ?? ""}`)).join("\n");

  const query = async <Row extends pg.QueryResultRow>(sql: string, values: unknown[] = []) => (await db!.query<Row>(sql, values)).rows;

  test.beforeAll(async () => {
    if (!course || !lesson || course.lessons.length < 2) throw new Error(`${COURSE} needs a lesson completed by viewing, and more lessons after it`);
    let serverUrl = process.env.BATON_PG_URL;
    if (!serverUrl) {
      const cluster = await startCluster();
      stopCluster = cluster.stop;
      serverUrl = cluster.url("postgres");
    }
    const database = `two_servers_${process.pid}_${suffix}`;
    const url = databaseUrl(serverUrl, database);
    await adminQuery(serverUrl, `CREATE DATABASE ${database}`);
    dropDatabase = () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await migratePostgres(url);

    // Timestamps go in as ISO text: PostgreSQL keeps the UTC wall time in Prisma's TIMESTAMP(3) columns.
    const now = new Date();
    const today = `${now.toISOString().slice(0, 10)}T00:00:00.000Z`;
    const iso = (d: Date) => d.toISOString();
    const hash = await hashPassword(PASSWORD);
    db = new pg.Client({ connectionString: url });
    await db.connect();
    // E-mail at any hour, so the reminder is not held for the morning whenever this runs.
    await query(
      `INSERT INTO "OrgSettings" ("id", "timeZone", "emailFromHour", "emailUntilHour", "emailWeekdaysOnly", "secret", "updatedAt")
       VALUES (1, 'UTC', 0, 24, false, $1, $2)`,
      [randomBytes(32).toString("base64url"), iso(now)],
    );
    const person = `INSERT INTO "Person" ("id", "email", "name", "role", "department", "startDate", "passwordHash", "signedInAt", "updatedAt")
      VALUES ($1, $2, $3, $4, 'Support', $5, $6, $7, $7)`;
    const started = iso(new Date(now.getTime() - 14 * 24 * 60 * 60 * 1000));
    await query(person, [learner.id, learner.email, learner.name, "LEARNER", started, hash, iso(now)]);
    await query(person, [hr.id, hr.email, hr.name, "HR", started, hash, iso(now)]);
    // A curriculum due today (a fixed date): a reminder day (schedule.ts reminderWhen), and not yet overdue.
    await query(`INSERT INTO "Curriculum" ("id", "name", "dueDate", "updatedAt") VALUES ($1, 'Service basics', $2, $3)`, [
      `two-servers-curriculum-${suffix}`,
      today,
      iso(now),
    ]);
    await query(`INSERT INTO "CurriculumCourse" ("id", "curriculumId", "courseSlug", "position") VALUES ($1, $2, $3, 0)`, [
      `two-servers-course-${suffix}`,
      `two-servers-curriculum-${suffix}`,
      COURSE,
    ]);
    await query(`INSERT INTO "Assignment" ("id", "personId", "curriculumId", "assignedAt") VALUES ($1, $2, $3, $4)`, [
      `two-servers-assignment-${suffix}`,
      learner.id,
      `two-servers-curriculum-${suffix}`,
      started,
    ]);

    const ports = [await freePort(), await freePort()];
    proxy = await startRoundRobinProxy(ports);
    const env = { DATABASE_URL: url, SMTP_URL: "smtp://127.0.0.1:3925", SMTP_FROM: "Baton <baton@baton.test>", BATON_ORIGIN: proxy.origin };
    servers.push(...(await Promise.all(ports.map((port) => startServer(port, env)))));
  });

  test.afterAll(async () => {
    for (const s of servers) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill("SIGTERM");
    await Promise.all(servers.map((s) => s.exited));
    await proxy?.close();
    await db?.end();
    await dropDatabase?.();
    stopCluster?.();
  });

  test("a learner signed in through one server carries on through the other, and each shows what the other saved", async () => {
    const signIn = await send("/login", { form: { email: learner.email, password: PASSWORD } });
    expect(signIn.status, errors()).toBe(302);
    expect(signIn.location).toBe("/learn");
    const cookie = signIn.cookies.join("; ");

    // The lesson's "complete" form as the browser's Remix form posts it (single fetch, `.data`), to the other server.
    const complete = await send(`/learn/${COURSE}/${lesson!.slug}.data`, { cookie, form: { intent: "complete" } });
    expect(complete.status, errors()).toBe(200);
    expect(complete.upstream).not.toBe(signIn.upstream);

    // Back on the server that signed the learner in: the lesson the other server saved counts.
    const coursePage = await send(`/learn/${COURSE}`, { cookie });
    expect(coursePage.status, errors()).toBe(200);
    expect(coursePage.upstream).toBe(signIn.upstream);
    expect(coursePage.body).toContain(`1 of ${course!.lessons.length} lessons done`);
    expect(coursePage.body).toContain("Resume where you left off");

    const home = await send("/learn", { cookie });
    expect(home.status, errors()).toBe(200);
    expect(home.upstream).toBe(complete.upstream);
    expect(home.body).toContain(course!.title);

    expect(await query(`SELECT COUNT(*)::int AS n FROM "Session" WHERE "personId" = $1`, [learner.id])).toEqual([{ n: 1 }]);
    expect(await query(`SELECT "lessonSlug", "status" FROM "LessonProgress" WHERE "personId" = $1`, [learner.id])).toEqual([
      { lessonSlug: lesson!.slug, status: "COMPLETED" },
    ]);
  });

  test("three wrong passwords slow the account down on both servers, as on one: the fourth try waits wherever it lands", async () => {
    const attempt = (password: string) => send("/login", { form: { email: hr.email, password } });
    const failures: Reply[] = [];
    for (let i = 0; i < 3; i++) failures.push(await attempt("not-the-password"));
    expect(
      failures.map((r) => r.status),
      errors(),
    ).toEqual([401, 401, 401]);

    // Even the right password waits now, on either server (ADR 013: three free failures, then 1 s, 2 s, 4 s …).
    const refused = [await attempt(PASSWORD), await attempt(PASSWORD)];
    expect(refused.map((r) => r.status)).toEqual([429, 429]);
    for (const r of refused) expect(r.body).toMatch(/Too many attempts\. Please wait \d+ seconds? and try again\./);

    // Each try went to the other server than the one before; the first refusal came from a server that had itself
    // seen one failure only, so it counted the other server's two.
    const answered = [...failures, ...refused].map((r) => r.upstream);
    expect(answered.slice(1).map((u, i) => u !== answered[i])).toEqual([true, true, true, true]);
    expect(new Set(answered)).toEqual(new Set([0, 1]));
    expect(failures.filter((f) => f.upstream === refused[0]!.upstream)).toHaveLength(1);
    expect(await query(`SELECT "failures" FROM "SignInFailure" WHERE "key" = $1`, [`account:${hr.email}`])).toEqual([{ failures: 3 }]);

    // A wait, not a lock-out: after it the right password signs in.
    const waitSeconds = Number(/Please wait (\d+) second/.exec(refused.at(-1)!.body)?.[1] ?? 1);
    await sleep(waitSeconds * 1000 + 200);
    const signIn = await attempt(PASSWORD);
    expect(signIn.status, errors()).toBe(302);
    expect(signIn.location).toBe("/hr/people");
  });

  test("with two servers able to run the reminder schedule, the learner gets the due reminder once: one e-mail, one in the app", async () => {
    const mail = await waitForMail(learner.email, { subject: new RegExp(course!.title) }, 20_000);
    expect(mail.subject).toBe(`Due today: ${course!.title}`);
    // Links point at the address people use, the proxy, not at either server.
    expect(mail.text).toContain(`${proxy!.origin}/learn`);

    // Both first passes are over (5 s after each start, then a few seconds' work), and a second copy had time to arrive.
    await sleep(Math.max(...servers.map((s) => s.listeningAt)) + FIRST_PASS_MS + 5_000 - Date.now());
    expect((await mailsTo(learner.email)).map((m) => m.subject)).toEqual([mail.subject]);
    expect(await query(`SELECT "status", "attempts" FROM "OutboxMessage" WHERE "personId" = $1 AND "kind" = 'due_reminder'`, [learner.id])).toEqual([
      { status: "SENT", attempts: 1 },
    ]);
    expect(await query(`SELECT "title" FROM "Notification" WHERE "personId" = $1 AND "kind" = 'due_reminder'`, [learner.id])).toEqual([
      { title: mail.subject },
    ]);
    // Neither server's pass, nor anything else, failed along the way.
    expect(errors()).toBe("");
  });
});
