// WEB_CONCURRENCY=2 (docs/decisions/016): the built server as two processes on one port, against a database of its
// own. Requests are served by both; many learners signing in, completing lessons and double-submitting a quiz at
// once through both processes leave every row exactly once; a killed process is replaced; SIGTERM stops them all.
// No browser: plain HTTP on a new connection per request, so the primary hands requests to both processes.
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { hashPassword } from "../../app/.server/auth/password";
import { getCourse } from "../../app/.server/content/catalog";
import { answerForm } from "../../app/.server/quiz/answering";
import { parseAttemptSet } from "../../app/.server/quiz/snapshot";
import { freePort } from "../../scripts/free-port.mjs";

const LEARNERS = 8;
const PASSWORD = "several-processes-42";
const COURSE = "internal-customer-service";

type LogLine = { pid: number; msg: string; worker?: number; requestId?: string; level: string; err?: { message?: string } };
type Reply = { status: number; requestId: string; cookies: string[] };

/** A new SQLite file with every committed migration, as `npm start` would leave it. */
function migratedDatabase(file: string) {
  const db = new Database(file);
  const dir = join(process.cwd(), "prisma", "migrations");
  for (const name of readdirSync(dir)
    .filter((d) => /^\d{14}_/.test(d))
    .sort())
    db.exec(readFileSync(join(dir, name, "migration.sql"), "utf8"));
  db.pragma("journal_mode = WAL");
  return db;
}

/** The server's JSON log lines as they arrive, and a way to wait for one. */
function readLog(child: ChildProcess) {
  const lines: LogLine[] = [];
  const waiting: { match: (l: LogLine) => boolean; resolve: (l: LogLine) => void }[] = [];
  createInterface({ input: child.stdout! }).on("line", (text) => {
    let line: LogLine;
    try {
      line = JSON.parse(text);
    } catch {
      return;
    }
    lines.push(line);
    for (const w of waiting.filter((w) => w.match(line))) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve(line);
    }
  });
  const next = (match: (l: LogLine) => boolean, timeoutMs = 15_000) =>
    new Promise<LogLine>((resolve, reject) => {
      const seen = lines.find(match);
      if (seen) return resolve(seen);
      const timer = setTimeout(
        () => reject(new Error(`no such log line within ${timeoutMs} ms; the log so far:\n${lines.map((l) => l.msg).join("\n")}`)),
        timeoutMs,
      );
      waiting.push({ match, resolve: (l) => (clearTimeout(timer), resolve(l)) });
    });
  return { lines, next };
}

const listening = (worker: number, notPid?: number) => (l: LogLine) => l.msg.startsWith("Baton is running") && l.worker === worker && l.pid !== notPid;

test.describe("several server processes (WEB_CONCURRENCY=2)", () => {
  test.describe.configure({ timeout: 60_000 });

  let port: number;
  let file: string;
  let server: ChildProcess;
  let log: ReturnType<typeof readLog>;
  let exited: Promise<number | null>;
  const learners: { id: string; email: string; cookie: string }[] = [];

  /** One request on a connection of its own; the primary gives each new connection to the next process. */
  function send(path: string, options: { cookie?: string; form?: URLSearchParams } = {}): Promise<Reply> {
    const body = options.form?.toString();
    const headers: Record<string, string> = { origin: `http://127.0.0.1:${port}`, accept: "text/html" };
    if (options.cookie) headers.cookie = options.cookie;
    if (body) headers["content-type"] = "application/x-www-form-urlencoded";
    return new Promise((resolve, reject) => {
      const request = http.request({ host: "127.0.0.1", port, path, method: body ? "POST" : "GET", headers, agent: false }, (response) => {
        response.resume().on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            requestId: String(response.headers["x-request-id"]),
            cookies: (response.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]!),
          }),
        );
      });
      request.on("error", reject);
      request.end(body);
    });
  }

  /** What the server logged as errors, for a failure's message. */
  const errors = () =>
    log.lines
      .filter((l) => l.level === "error")
      .map((l) => `${l.msg}: ${l.err?.message ?? ""}`)
      .join("\n");

  /** Which process answered: its request log line names the request id the response carried. */
  const pidOf = async (reply: Reply) => (await log.next((l) => l.requestId === reply.requestId)).pid;

  test.beforeAll(async () => {
    port = await freePort();
    mkdirSync(join(process.cwd(), "tests", ".tmp"), { recursive: true });
    file = join(process.cwd(), "tests", ".tmp", `several-processes-${port}.db`);
    ["", "-wal", "-shm"].forEach((s) => rmSync(file + s, { force: true }));
    const db = migratedDatabase(file);
    const hash = await hashPassword(PASSWORD);
    const now = new Date().toISOString().replace("Z", "+00:00");
    const insert = db.prepare(
      "INSERT INTO Person (id, email, name, role, department, startDate, passwordHash, signedInAt, createdAt, updatedAt) VALUES (?, ?, ?, 'LEARNER', 'Support', ?, ?, ?, ?, ?)",
    );
    for (let i = 1; i <= LEARNERS; i++) {
      const person = { id: `several-${i}`, email: `learner${i}@several.test`, cookie: "" };
      insert.run(person.id, person.email, `Learner ${i}`, now, hash, now, now, now);
      learners.push(person);
    }
    db.close();

    const { SMTP_URL: _noMail, ...env } = process.env;
    server = spawn(process.execPath, ["server.mjs"], {
      env: { ...env, NODE_ENV: "production", DATABASE_URL: `file:${file}`, PORT: String(port), HOST: "127.0.0.1", WEB_CONCURRENCY: "2" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    exited = new Promise((resolve) => server.on("exit", (code) => resolve(code)));
    log = readLog(server);
    await Promise.all([log.next(listening(1)), log.next(listening(2))]);
  });

  test.afterAll(async () => {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill("SIGTERM");
      await exited;
    }
    ["", "-wal", "-shm"].forEach((s) => rmSync(file + s, { force: true }));
  });

  test("two processes answer, and writes from both at once land exactly once", async () => {
    const course = getCourse(COURSE);
    const quizLesson = course?.lessons.find((l) => l.quiz);
    const viewLesson = course?.lessons.find((l) => l.completion === "view");
    if (!course || !quizLesson || !viewLesson) throw new Error(`${COURSE} needs a quiz and a lesson completed by viewing`);
    // Lesson forms post as the browser's Remix forms do (single fetch, `.data`): the action alone, no page render.
    const lessonPath = (slug: string) => `/learn/${course.slug}/${slug}.data`;
    const form = (fields: Record<string, string>) => new URLSearchParams(fields);

    // Everyone signs in at once: one session each.
    const signIns = await Promise.all(learners.map((p) => send("/login", { form: form({ email: p.email, password: PASSWORD }) })));
    expect(signIns.map((r) => r.status)).toEqual(learners.map(() => 302));
    signIns.forEach((r, i) => (learners[i]!.cookie = r.cookies.join("; ")));

    // Each learner at once, from two tabs: a lesson completed, the quiz lesson opened and its quiz started.
    const twice = <T>(make: () => T) => [make(), make()];
    const batch = await Promise.all(
      learners.flatMap((p) => [
        ...twice(() => send(lessonPath(viewLesson.slug), { cookie: p.cookie, form: form({ intent: "complete" }) })),
        ...twice(() => send(lessonPath(quizLesson.slug), { cookie: p.cookie, form: form({ intent: "open" }) })),
        ...twice(() => send(lessonPath(quizLesson.slug), { cookie: p.cookie, form: form({ intent: "start-quiz", attempt: "1" }) })),
      ]),
    );
    expect(
      batch.filter((r) => r.status !== 200).map((r) => r.status),
      errors(),
    ).toEqual([]);

    // The stored set of each started attempt, answered right and submitted three times at once (a double click and more).
    const db = new Database(file, { readonly: true });
    const setOf = (personId: string) =>
      parseAttemptSet(
        db
          .prepare("SELECT items FROM QuizAttempt WHERE personId = ? AND lessonSlug = ? AND attemptNumber = 1")
          .pluck()
          .get(personId, quizLesson.slug) as string,
      );
    const forms = learners.map((p) => {
      const set = setOf(p.id);
      if (!set) throw new Error(`no started attempt for ${p.email}`);
      return new URLSearchParams([...answerForm(set, 1, "right").entries()].map(([k, v]) => [k, String(v)]));
    });
    db.close();
    const submits = await Promise.all(
      learners.map((p, i) => Promise.all([1, 2, 3].map(() => send(lessonPath(quizLesson.slug), { cookie: p.cookie, form: forms[i] })))),
    );
    expect(
      submits
        .flat()
        .filter((r) => r.status !== 200)
        .map((r) => r.status),
      errors(),
    ).toEqual([]);

    // Both processes served, and some learner's copies of the same form reached both.
    const workers = log.lines.filter((l) => l.msg.startsWith("Baton is running")).map((l) => l.pid);
    const servedBy = await Promise.all([...signIns, ...batch, ...submits.flat()].map(pidOf));
    expect(new Set(servedBy)).toEqual(new Set(workers));
    const splitAcross = await Promise.all(submits.map(async (copies) => new Set(await Promise.all(copies.map(pidOf))).size));
    expect(Math.max(...splitAcross)).toBe(2);

    // Every write exactly once, read by a fresh connection.
    const check = new Database(file, { readonly: true });
    const ids = learners.map((p) => p.id);
    const inList = ids.map(() => "?").join(",");
    expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(
      check
        .prepare(`SELECT COUNT(*) FROM Session WHERE personId IN (${inList})`)
        .pluck()
        .get(...ids),
    ).toBe(LEARNERS);
    const progress = check
      .prepare(`SELECT lessonSlug, status, COUNT(*) AS rows FROM LessonProgress WHERE personId IN (${inList}) GROUP BY lessonSlug, status`)
      .all(...ids);
    // Passing the quiz completed its lesson too.
    const completed = (lessonSlug: string) => ({ lessonSlug, status: "COMPLETED", rows: LEARNERS });
    expect(progress).toHaveLength(2);
    expect(progress).toEqual(expect.arrayContaining([completed(viewLesson.slug), completed(quizLesson.slug)]));
    const attempts = check
      .prepare(
        `SELECT personId, COUNT(*) AS rows, COUNT(submittedAt) AS submitted, SUM(passed) AS passed FROM QuizAttempt WHERE lessonSlug = ? GROUP BY personId`,
      )
      .all(quizLesson.slug);
    check.close();
    expect(attempts).toEqual(ids.map((personId) => ({ personId, rows: 1, submitted: 1, passed: 1 })));

    // The readiness summary that both processes kept inside those writes equals the rules.
    const verify = execFileSync(process.execPath, ["--import", "tsx", "scripts/readiness-verify.ts"], {
      env: { ...process.env, DATABASE_URL: `file:${file}` },
      encoding: "utf8",
    });
    expect(verify).toContain("The stored readiness summary equals the derivation.");
  });

  test("a process that dies is started again, and SIGTERM stops every process", async () => {
    const first = await log.next(listening(1));
    const second = await log.next(listening(2));
    process.kill(second.pid, "SIGKILL");
    await log.next((l) => l.level === "error" && l.msg.startsWith(`Server process 2 (pid ${second.pid}) stopped unexpectedly (SIGKILL)`));
    const replacement = await log.next(listening(2, second.pid));

    // Requests are served again by two processes: the first, untouched, and the replacement.
    const replies = await Promise.all(Array.from({ length: 6 }, () => send("/login")));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(new Set(await Promise.all(replies.map(pidOf)))).toEqual(new Set([first.pid, replacement.pid]));

    server.kill("SIGTERM");
    expect(await exited).toBe(0);
    await log.next((l) => l.msg === "Every server process has stopped");
    for (const pid of [first.pid, replacement.pid]) expect(() => process.kill(pid, 0)).toThrow();
  });
});
