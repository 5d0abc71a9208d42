import { describe, expect, it } from "vitest";
import { replaceSection } from "./report";

const ours = ["## Load and concurrency", "", "new figures", "", "### Notes", "- new note"].join("\n");

describe("writing the benchmark section of docs/benchmarks.md", () => {
  it("creates the document when there is none", () => {
    expect(replaceSection("", ours)).toBe(`# Benchmarks\n\n${ours}\n`);
  });

  it("replaces only its own section, keeping the people-import section before and after it", () => {
    const doc = [
      "# Benchmarks",
      "",
      "## People import",
      "import figures",
      "",
      "## Load and concurrency",
      "",
      "old figures",
      "### Notes",
      "- old note",
      "",
      "## Something else",
      "kept",
      "",
    ].join("\n");
    const out = replaceSection(doc, ours);
    expect(out).toContain("## People import\nimport figures");
    expect(out).toContain("## Something else\nkept");
    expect(out).toContain("new figures");
    expect(out).not.toContain("old figures");
    expect(out).not.toContain("old note");
    expect(out.match(/## Load and concurrency/g)).toHaveLength(1);
  });

  it("appends its section when another engineer's document does not have it yet", () => {
    const doc = "# Benchmarks\n\n## People import\nimport figures\n";
    const out = replaceSection(doc, ours);
    expect(out.startsWith(doc.trimEnd())).toBe(true);
    expect(out.endsWith(`${ours}\n`)).toBe(true);
  });

  it("replaces a subsection alone, up to the next heading of its level or above", () => {
    const doc = ["# Benchmarks", "", "## Real path", "pages", "", "### Profile", "old profile", "", "### How", "kept", "", "## Next", "kept too", ""].join(
      "\n",
    );
    const out = replaceSection(doc, "### Profile\n\nnew profile", "## Real path");
    expect(out).toContain("### Profile\n\nnew profile\n\n### How\nkept");
    expect(out).not.toContain("old profile");
    expect(out).toContain("pages");
  });

  it("adds a missing subsection at the end of the section it belongs in", () => {
    const doc = ["# Benchmarks", "", "## Real path", "pages", "", "## Next", "kept", ""].join("\n");
    const out = replaceSection(doc, "### Profile\n\nprofile", "## Real path");
    expect(out).toBe(["# Benchmarks", "", "## Real path", "pages", "", "### Profile", "", "profile", "", "## Next", "kept", ""].join("\n"));
  });
});
