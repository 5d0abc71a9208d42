import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readValues, valueProblems } from "./values";

const dirWith = (yaml: string) => {
  const dir = mkdtempSync(join(tmpdir(), "values-"));
  writeFileSync(join(dir, "values.yml"), yaml);
  return dir;
};

describe("fill-in values", () => {
  it("reads declared values; a missing file declares none", () => {
    const { values, problems } = readValues(dirWith('values:\n  service-promise: { label: "The promise", value: "We answer today." }\n  refund-limit: { label: "Refund limit" }\n'));
    expect(problems).toEqual([]);
    expect(values).toEqual({ "service-promise": { label: "The promise", value: "We answer today." }, "refund-limit": { label: "Refund limit", value: "" } });
    expect(readValues(mkdtempSync(join(tmpdir(), "none-")))).toEqual({ values: {}, problems: [] });
  });
  it("reports a broken file with its line", () => {
    expect(readValues(dirWith("values:\n  a: [\n")).problems[0]?.line).toBeGreaterThan(0);
    expect(readValues(dirWith("values:\n  Bad Key: { label: x }\n")).problems[0]?.message).toMatch(/lower-case words/);
  });
  it("errs on an undeclared name and warns on an empty value", () => {
    const values = { "service-promise": { label: "The promise", value: "" }, set: { label: "Set", value: "yes" } };
    expect(valueProblems(["service-promise", "set", "nope", "nope"], values)).toEqual({
      errors: ['<Value name="nope" /> is not declared in content/values.yml'],
      warnings: ['"service-promise" (The promise) is not filled in yet in content/values.yml: learners see a placeholder'],
    });
  });
});
