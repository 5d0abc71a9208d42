import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EnvSchema } from "./env";

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
    expect(EnvSchema.safeParse({}).success).toBe(true);
  });
});
