import Database from "better-sqlite3";
import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";

const tmp = () => process.env.BATON_TEST_TMP ?? join(process.cwd(), "tests", ".tmp");

/** A new migrated database file of its own (a copy of the run's template), removed with `remove()`. */
export function freshDatabaseFile(name: string) {
  const file = join(tmp(), `${name}-${process.pid}-${Math.random().toString(36).slice(2)}.db`);
  copyFileSync(join(tmp(), "template.db"), file);
  return { file, url: `file:${file}`, remove: () => ["", "-wal", "-shm"].forEach((s) => rmSync(file + s, { force: true })) };
}

export type Writer = {
  child: ChildProcess;
  /** Rows the writer has reported committed, in order. */
  rows: string[];
  personId: Promise<string>;
  /** Resolves once at least `n` rows are reported committed. */
  rowsReported(n: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
};

/** Start tests/integration/helpers/progress-writer.ts against a database in a separate process. */
export function startWriter(databaseUrl: string, options: { rows?: number; pauseMs?: number } = {}): Writer {
  const args = ["--import", "tsx", "tests/integration/helpers/progress-writer.ts"];
  if (options.rows !== undefined) args.push("--rows", String(options.rows));
  if (options.pauseMs !== undefined) args.push("--pause-ms", String(options.pauseMs));
  const child = spawn(process.execPath, args, { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ["pipe", "pipe", "pipe"] });
  const rows: string[] = [];
  const waiting: { n: number; resolve: () => void }[] = [];
  let stderr = "";
  let resolvePerson!: (id: string) => void;
  const personId = new Promise<string>((resolve) => (resolvePerson = resolve));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout! }).on("line", (line) => {
    const [kind, value] = line.split(" ");
    if (kind === "person" && value) resolvePerson(value);
    if (kind === "row" && value) rows.push(value);
    for (const w of waiting.filter((w) => rows.length >= w.n)) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve();
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, stderr })),
  );
  const rowsReported = (n: number) =>
    new Promise<void>((resolve, reject) => {
      if (rows.length >= n) return resolve();
      waiting.push({ n, resolve });
      void exited.then((e) => reject(new Error(`the writer stopped after ${rows.length} rows (${e.code ?? e.signal}): ${e.stderr}`)));
    });
  return { child, rows, personId, rowsReported, exited };
}

/**
 * What is in a database file, read by a fresh connection (as a restarted server would open it): the lessons
 * with a submitted attempt and the lessons completed. The writer passes every quiz it submits, so the two
 * commit together and must match; an attempt started but not yet submitted is in neither.
 */
export function inspectDatabase(file: string, personId: string) {
  const db = new Database(file, { readonly: true });
  try {
    const integrity = db.pragma("integrity_check", { simple: true });
    const attempts = db.prepare("SELECT lessonSlug FROM QuizAttempt WHERE personId = ? AND submittedAt IS NOT NULL").pluck().all(personId) as string[];
    const progress = db.prepare("SELECT lessonSlug FROM LessonProgress WHERE personId = ? AND status = 'COMPLETED'").pluck().all(personId) as string[];
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
    return { integrity, attempts: new Set(attempts), progress: new Set(progress), tables };
  } finally {
    db.close();
  }
}
