import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EnvSchema, runsSharedUpkeep } from "./env";

describe("environment variables", () => {
  it("the README's configuration table lists exactly the variables Baton checks at start-up", () => {
    const readme = readFileSync("README.md", "utf8");
    const table = readme.slice(readme.indexOf("## Configuration"));
    const documented = [...table.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(Object.keys(EnvSchema.shape).sort());
  });

  it("refuses a wrong value with a readable message", () => {
    expect(EnvSchema.safeParse({ SMTP_URL: "not a url" }).success).toBe(false);
    expect(EnvSchema.safeParse({ PORT: "eighty" }).success).toBe(false);
    expect(EnvSchema.safeParse({ WEB_CONCURRENCY: "0" }).success).toBe(false);
    expect(EnvSchema.safeParse({ WEB_CONCURRENCY: "auto" }).success).toBe(true);
    expect(EnvSchema.safeParse({}).success).toBe(true);
  });

  it("runs the once-only background work in the only process, or the first of several", () => {
    expect(runsSharedUpkeep()).toBe(true);
    try {
      process.env.BATON_WORKER_INDEX = "2";
      expect(runsSharedUpkeep()).toBe(false);
      process.env.BATON_WORKER_INDEX = "1";
      expect(runsSharedUpkeep()).toBe(true);
    } finally {
      delete process.env.BATON_WORKER_INDEX;
    }
  });
});
