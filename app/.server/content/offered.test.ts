import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildLibrary } from "./compile";
import { offeredTo } from "./offered";

const front = (lines: string) => `---
title: Handing work over
summary: A course for tests.
${lines}
minutes: 10
passMark: 80
attemptLimit: 3
owner: Tests
confidence: How confident are you?
---

Welcome.
`;
const LESSON = "---\ntitle: A lesson\nobjectives:\n  - Learn a thing\nminutes: 5\ncompletion: view\n---\n\nText.\n";

let root = "";
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function build(index: string) {
  root = mkdtempSync(join(tmpdir(), "baton-offered-"));
  for (const [path, text] of Object.entries({ "c/index.mdx": index, "c/01-a.mdx": LESSON })) {
    mkdirSync(join(root, "courses", path, ".."), { recursive: true });
    writeFileSync(join(root, "courses", path), text);
  }
  return buildLibrary({ contentDir: root, outDir: join(root, "out"), checkOnly: true });
}

describe("who is offered a course", () => {
  it("follows the roles field, not the words of the audience", async () => {
    // The old rule hid any course whose audience mentioned managers from new hires.
    const both = (await build(front("audience: New hires and their managers"))).catalog!.courses[0]!;
    expect((["LEARNER", "MANAGER", "HR"] as const).filter((r) => offeredTo(both, r))).toEqual(["LEARNER", "MANAGER", "HR"]);

    const leaders = (await build(front("audience: Everyone who leads a team\nroles: [MANAGER, HR]"))).catalog!.courses[0]!;
    expect((["LEARNER", "MANAGER", "HR"] as const).filter((r) => offeredTo(leaders, r))).toEqual(["MANAGER", "HR"]);
  });

  it("refuses an unknown role or an empty list, on the line of the field", async () => {
    const unknown = await build(front("audience: Team leads\nroles: [MANAGER, BOSS]"));
    expect(unknown.problems).toEqual([expect.objectContaining({ line: 5, message: expect.stringMatching(/roles.*use LEARNER, MANAGER, HR/) })]);
    const empty = await build(front("audience: Team leads\nroles: []"));
    expect(empty.problems).toEqual([expect.objectContaining({ message: expect.stringMatching(/list at least one role/) })]);
  });
});
