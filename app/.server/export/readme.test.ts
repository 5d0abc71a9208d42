import { describe, expect, it } from "vitest";
import { EXPORT_FILES } from "./files";
import { exportReadme } from "./readme";

const manifest = {
  exportedAt: new Date("2026-11-24T09:30:00Z"),
  batonVersion: "9.9.9",
  rows: Object.fromEntries(EXPORT_FILES.map((f, i) => [f.name, i * 10])),
};

/** The lines of one file's section of the README. */
function section(readme: string, fileName: string): string[] {
  const lines = readme.split("\n");
  const start = lines.indexOf(`## ${fileName}`);
  expect(start, `section for ${fileName}`).toBeGreaterThan(-1);
  const end = lines.findIndex((l, i) => i > start && l.startsWith("## "));
  return lines.slice(start, end === -1 ? undefined : end);
}

describe("the export's README", () => {
  it("describes every file the export writes, with every column in the CSV's order", () => {
    const readme = exportReadme(EXPORT_FILES, manifest);
    expect(EXPORT_FILES.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        "people.csv",
        "curricula.csv",
        "assignments.csv",
        "progress.csv",
        "attempts.csv",
        "sign-offs.csv",
        "feedback.csv",
        "stories.csv",
        "audit.csv",
      ]),
    );
    for (const file of EXPORT_FILES) {
      const rows = section(readme, file.name).filter((l) => l.startsWith("| ") && !l.startsWith("| Column") && !l.startsWith("| ---"));
      expect(
        rows.map((l) => l.split(" | ")[0]!.slice(2)),
        file.name,
      ).toEqual(file.columns.map((c) => c.name));
      for (const column of file.columns) expect(column.description.trim(), `${file.name} ${column.name}`).not.toBe("");
      expect(readme).toContain(`| ${file.name} | ${manifest.rows[file.name]} |`);
    }
  });

  it("ends with a manifest line: export time, Baton's version and the rows of each file", () => {
    const readme = exportReadme(EXPORT_FILES, manifest);
    const line = readme.split("\n").find((l) => l.startsWith("manifest: "))!;
    expect(JSON.parse(line.slice("manifest: ".length))).toEqual({ exportedAt: "2026-11-24T09:30:00.000Z", batonVersion: "9.9.9", rows: manifest.rows });
  });

  it("keeps a description with a pipe or a line break inside its table cell", () => {
    const readme = exportReadme([{ name: "x.csv", description: "a\nb", columns: [{ name: "c", description: "one | two\nthree" }] }], {
      ...manifest,
      rows: { "x.csv": 1 },
    });
    expect(section(readme, "x.csv")).toContain("| c | one \\| two three |");
  });

  it("names no secret column", () => {
    const names = EXPORT_FILES.flatMap((f) => f.columns.map((c) => c.name));
    expect(names.filter((n) => /password_hash|token|secret|session|items|answers|results/i.test(n))).toEqual([]);
  });
});
