import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { restartDelayMs, serverProcessCount } from "./cluster.mjs";

describe("WEB_CONCURRENCY", () => {
  it("is one process unless asked, a whole number up to 64, or one per core", () => {
    expect(serverProcessCount(undefined)).toBe(1);
    expect(serverProcessCount("")).toBe(1);
    expect(serverProcessCount("1")).toBe(1);
    expect(serverProcessCount(" 4 ")).toBe(4);
    expect(serverProcessCount("64")).toBe(64);
    expect(serverProcessCount("auto", 6)).toBe(6);
    expect(serverProcessCount("auto", 128)).toBe(64);
  });

  it("refuses anything else, saying what is allowed", () => {
    for (const value of ["0", "65", "-2", "2.5", "two", "1e2", "Auto"]) {
      expect(() => serverProcessCount(value, 8)).toThrow(
        `WEB_CONCURRENCY must be a whole number from 1 to 64, or "auto" (one process per core, 8 here); it is "${value}".`,
      );
    }
  });
});

describe("restarting a server process that died", () => {
  it("waits a second, then twice as long each time it dies again, at most half a minute", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(restartDelayMs)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });
});

// The real server.mjs, without a build: what happens before any request is served.
function startServer(env: Record<string, string>) {
  return spawnSync(process.execPath, ["server.mjs"], {
    env: { ...process.env, NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", BUILD_DIR: "tests/.tmp/no-such-build", ...env },
    encoding: "utf8",
    timeout: 20_000,
  });
}

describe("server.mjs with several processes", () => {
  it("refuses a wrong WEB_CONCURRENCY before starting anything", () => {
    const run = startServer({ WEB_CONCURRENCY: "lots" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('WEB_CONCURRENCY must be a whole number from 1 to 64, or "auto"');
    expect(run.stdout).not.toContain("Starting");
  });

  it("stops with an error when a process cannot start, instead of starting it again and again", () => {
    const run = startServer({ WEB_CONCURRENCY: "2" });
    expect(run.status).toBe(1);
    const lines = run.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { level: string; msg: string });
    expect(lines[0]).toMatchObject({ level: "info", msg: "Starting 2 server processes" });
    expect(lines.filter((l) => l.level === "fatal").map((l) => l.msg)[0]).toMatch(/^Server process [12] could not start \(exit code 1\); stopping$/);
    expect(lines.some((l) => /starting it again/.test(l.msg))).toBe(false);
  });
});
