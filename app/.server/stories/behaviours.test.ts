import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkBehaviours, getBehaviours, parseBehaviours } from "./behaviours";

const entry = (id: string, name = "A name", description = "One line.") => `  - id: ${id}\n    name: ${name}\n    description: ${description}\n`;

describe("content/behaviours.yml", () => {
  it("is valid as shipped: 6 to 8 behaviours with unique ids", () => {
    expect(checkBehaviours("content")).toEqual([]);
    const behaviours = getBehaviours();
    expect(behaviours.length).toBeGreaterThanOrEqual(6);
    expect(behaviours.length).toBeLessThanOrEqual(8);
    expect(new Set(behaviours.map((b) => b.id)).size).toBe(behaviours.length);
  });
});

describe("parseBehaviours", () => {
  it("reads id, name and description", () => {
    expect(parseBehaviours(`behaviours:\n${entry("clean-hand-off", "Clean hand-off", "Passed it on complete.")}`)).toEqual({
      behaviours: [{ id: "clean-hand-off", name: "Clean hand-off", description: "Passed it on complete." }],
      problems: [],
    });
  });

  it("names the line of a YAML error", () => {
    const { behaviours, problems } = parseBehaviours(`behaviours:\n${entry("a")}  - id: b\n    name: [unclosed\n`);
    expect(behaviours).toBeNull();
    expect(problems[0]?.message).toMatch(/^YAML: /);
    expect(problems[0]?.line).toBeGreaterThanOrEqual(5);
  });

  it("names the line of a missing field, a bad id and a duplicate", () => {
    const source = `behaviours:\n${entry("a")}  - id: Not A Slug\n    name: B\n    description: x\n  - id: c\n    description: no name\n`;
    expect(parseBehaviours(source).problems).toEqual([
      { line: 5, message: "behaviours.1.id: the id is lower-case words joined by hyphens" },
      { line: 8, message: "behaviours.2.name: give the name" },
    ]);
    expect(parseBehaviours(`behaviours:\n${entry("a")}${entry("b")}${entry("a")}`).problems).toEqual([{ line: 8, message: 'the id "a" is used twice' }]);
  });

  it("wants a one-line description and at least one behaviour", () => {
    expect(parseBehaviours(`behaviours:\n  - id: a\n    name: A\n    description: |\n      two\n      lines\n`).problems[0]?.message).toMatch(/one line/);
    expect(parseBehaviours("behaviours: []\n").problems[0]?.message).toMatch(/at least one/);
    expect(parseBehaviours("").problems[0]?.message).toMatch(/behaviours: Required/);
  });
});

describe("checkBehaviours", () => {
  it("reports problems with the file's path and a missing file", () => {
    const dir = mkdtempSync(join(tmpdir(), "behaviours-"));
    expect(checkBehaviours(dir)).toEqual([{ file: expect.stringMatching(/behaviours\.yml$/), message: expect.stringMatching(/^missing/) }]);
    writeFileSync(join(dir, "behaviours.yml"), `behaviours:\n  - id: a\n    name: A\n`);
    expect(checkBehaviours(dir)).toEqual([
      { file: expect.stringMatching(/behaviours\.yml$/), line: 2, message: "behaviours.0.description: give the description" },
    ]);
  });

  it("stops the server with the file and line when the file is broken", () => {
    const dir = mkdtempSync(join(tmpdir(), "behaviours-"));
    writeFileSync(join(dir, "behaviours.yml"), `behaviours:\n  - id: a\n    name: A\n`);
    const before = process.env.CONTENT_DIR;
    process.env.CONTENT_DIR = dir;
    try {
      expect(() => getBehaviours()).toThrow(/behaviours\.yml:2: behaviours\.0\.description: give the description/);
    } finally {
      if (before === undefined) delete process.env.CONTENT_DIR;
      else process.env.CONTENT_DIR = before;
    }
  });
});
