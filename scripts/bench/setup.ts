import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { status } from "./status";

export const BUILD_DIR = "build-bench";

/** A scratch folder for one run: database, compiled content, logs. Removed at the end. */
export function scratchDir() {
  const dir = mkdtempSync(join(tmpdir(), "baton-bench-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Run a command to completion with a ticking status line; its output goes to a log file, shown on failure. */
export async function step(label: string, command: string, args: string[], env: Record<string, string>, logFile: string): Promise<number> {
  const started = performance.now();
  const log = createWriteStream(logFile, { flags: "a" });
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const ticker = setInterval(() => status.update(`${label} … ${Math.round((performance.now() - started) / 1000)} s`), 1000);
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  clearInterval(ticker);
  await new Promise<void>((resolve) => log.end(resolve));
  const ms = performance.now() - started;
  if (code !== 0) {
    const tail = readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n");
    throw new Error(`${label} failed (exit ${code}). Last lines of ${logFile}:\n${tail}`);
  }
  status.log(`${label}: ${(ms / 1000).toFixed(1)} s`);
  return ms;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export type RunningServer = { origin: string; pid: number; child: ChildProcess; logFile: string; stop: () => Promise<void> };

/** Start a server process and wait until `readyPath` answers 200. */
export async function startServer(label: string, args: string[], env: Record<string, string>, logFile: string, readyPath = "/"): Promise<RunningServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  mkdirSync(join(logFile, ".."), { recursive: true });
  const log = createWriteStream(logFile, { flags: "a" });
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" }, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  let exited = false;
  const closed = new Promise<void>((resolve) =>
    child.on("close", (code, signal) => {
      exited = true;
      if (!stopping) status.log(`${label} stopped unexpectedly (${signal ?? `exit ${code}`}); see ${logFile}`);
      resolve();
    }),
  );
  let stopping = false;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`${label} exited at start; see ${logFile}:\n${readFileSync(logFile, "utf8").slice(-2000)}`);
    if (Date.now() > deadline) throw new Error(`${label} did not answer within 60 s; see ${logFile}`);
    const ok = await fetch(origin + readyPath).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    origin,
    pid: child.pid!,
    child,
    logFile,
    stop: async () => {
      stopping = true;
      if (!exited) child.kill("SIGTERM");
      await closed;
    },
  };
}

/** Sign in once through the form, as a check that the synthetic learners are what Baton expects. */
export async function signInOnce(origin: string, email: string, password: string) {
  const response = await fetch(`${origin}/login`, {
    method: "POST",
    headers: { origin, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password }),
    redirect: "manual",
  });
  const cookie = response.headers.get("set-cookie") ?? "";
  if (response.status !== 302 || !cookie.startsWith("__Host-baton_session=")) {
    throw new Error(`Signing in as a synthetic learner failed (HTTP ${response.status}): the benchmark data is not what Baton expects.`);
  }
}

/** Resident and peak memory of a process, in MB, from /proc (Linux). */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? NaN);
    return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
  } catch {
    return null;
  }
}
