import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, platform, release, totalmem } from "node:os";
import type { Options, Row } from "./context";

export const SECTION = "## Load and concurrency";

export function machine() {
  let commit = "";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    // not a git checkout: leave it out
  }
  return {
    cpu: cpus()[0]?.model.trim() ?? "unknown CPU",
    cores: availableParallelism(),
    memoryGb: totalmem() / 1024 ** 3,
    node: process.version,
    os: `${platform()} ${release()}`,
    date: new Date().toISOString().slice(0, 10),
    /** One-minute load average: other work on the machine skews absolute figures (ratios less so). */
    load: loadavg()[0] ?? 0,
    commit,
  };
}

/** "met", "missed" and by how much, for a row with a goal. */
export const mark = (r: Pick<Row, "met" | "by">, missed = "**missed**") => (r.met === null ? "" : r.met ? "met" : `${missed}${r.by ? ` (${r.by})` : ""}`);

/** Columns padded to their widest cell, for the terminal. */
export function plainTable(head: string[], body: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(head), widths.map((w) => "─".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

export function markdownTable(head: string[], body: string[][]): string[] {
  const cell = (s: string) => s.replace(/\|/g, "\\|");
  return [`| ${head.map(cell).join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...body.map((r) => `| ${r.map(cell).join(" | ")} |`)];
}

/** The results as a plain table for the terminal. */
export function terminalTable(rows: Row[]): string {
  return plainTable(
    ["figure", "Baton", "baseline", "ratio", "goal", ""],
    rows.map((r) => [r.figure, r.value, r.baseline, r.ratio, r.goal, mark(r, "MISSED")]),
  );
}

/** The first lines of a section: which run, when, on what machine, under what load. */
export function runLine(extra: { full: boolean; loadAtStart: number; seconds: number }): string {
  const m = machine();
  const args = process.argv.slice(2).join(" ");
  return (
    `Latest \`npm run bench${extra.full || !args ? "" : ` -- ${args}`}\`: ${m.date}${m.commit ? `, commit ${m.commit}` : ""}. ` +
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb.toFixed(1)} GB memory, Node ${m.node}, ${m.os}; ` +
    `load average ${extra.loadAtStart.toFixed(1)} at the start and ${m.load.toFixed(1)} at the end (other work on the machine moves absolute figures). ` +
    `The run took ${Math.round(extra.seconds)} s.`
  );
}

const how = (options: Options) => [
  "**Lesson page**: a learner's lesson with its quiz, signed in (sessions made as sign-in makes them), requested by " +
    "autocannon; the baseline is a bare `node:http` server started by the benchmark that answers every request with " +
    "the very HTML bytes Baton sent for that page.",
  "**MDX**: the same page one request at a time — warm; then with the catalog and every compiled lesson dropped " +
    "from the server's memory before each request (the benchmark touches `catalog.json`, which makes the server " +
    "re-read and re-validate it and forget compiled lessons, as the dev watcher does); and the cost a per-request compile " +
    "would add: `bundleMDX` of the same lesson with the build's own options, timed in the benchmark process " +
    "(median of 5) and added to the warm latency. Baton's server bundle does not contain the compiler at all, which the benchmark checks.",
  "**Quiz**: the form a browser without JavaScript posts (`intent=submit-quiz`, the attempt number, `q.<id>` answers), " +
    "which makes the server grade, record and then render the whole page again — the heavier of the two ways a quiz is " +
    `submitted. Each form is a learner's next attempt; one form in ${options.doubleEvery} is sent twice at once. Afterwards` +
    " the database is read: " +
    "one attempt row per form answered, one per double submit, none nobody asked for, progress beside every attempt, " +
    "`PRAGMA integrity_check`. The server log is searched for lock and timeout errors.",
  "**JavaScript**: every module the lesson page loads before it is interactive (`modulepreload` links, `<script src>`, " +
    "imports in inline module scripts, and their static imports in turn), fetched with " +
    "`Accept-Encoding: gzip` and counted as sent, plus the inline scripts (Remix's context with the loader data, which " +
    "carries the lesson's compiled MDX), gzipped.",
];

/** The docs/benchmarks.md section for one run. */
export function markdownSection(
  rows: Row[],
  notes: string[],
  options: Options,
  extra: { learners: number; full: boolean; loadAtStart: number; seconds: number },
): string {
  const lines = [
    SECTION,
    "",
    runLine(extra),
    "",
    `Production build (\`NODE_ENV=production node server.mjs\`) on a fresh SQLite database with ${extra.learners.toLocaleString("en")} synthetic ` +
      `learners; load from autocannon with ${options.connections} connections (2 × cores + 1), no pipelining, ` +
      `${options.gzip ? "gzip on both sides" : "no compression on either side"}; a ${options.warmupSeconds} s warm-up, then the median of ` +
      `${options.rounds} rounds (${options.lessonSeconds} s each for pages, ${options.quizSeconds} s for quiz submissions). ` +
      "Every baseline is measured in the same run, so the ratios travel between machines; the absolute figures do not. " +
      "The real learner path has its own section below.",
    "",
    ...markdownTable(
      ["figure", "Baton", "baseline", "ratio", "goal", ""],
      rows.map((r) => [r.figure, r.value, r.baseline, r.ratio, r.goal, mark(r)]),
    ),
    "",
  ];
  if (notes.length > 0) lines.push("### Where a goal is missed, and why", "", ...notes.map((n) => `- ${n}`), "");
  lines.push("### How each figure is measured", "", ...how(options).map((h) => `- ${h}`), "");
  return lines.join("\n");
}

const headingLevel = (line: string) => /^(#+) /.exec(line)?.[1]?.length ?? 0;

/**
 * Replace this benchmark's section in a markdown document (from its heading to the next heading of the same or a
 * higher level), leaving every other section as it was. A section not there yet is appended — at the end of the
 * section headed `within` when given and present, else at the end of the document.
 */
export function replaceSection(doc: string, section: string, within?: string): string {
  const heading = section.split("\n")[0]!.trim();
  const body = section.trimEnd().split("\n");
  if (doc.trim() === "") return ["# Benchmarks", "", ...body, ""].join("\n");
  const lines = doc.split("\n");
  const endOf = (start: number) => {
    const level = headingLevel(lines[start]!);
    const end = lines.findIndex((l, i) => i > start && headingLevel(l) > 0 && headingLevel(l) <= level);
    return end < 0 ? lines.length : end;
  };
  let start = lines.findIndex((l) => l.trim() === heading);
  let end = start < 0 ? -1 : endOf(start);
  if (start < 0) {
    const parent = within ? lines.findIndex((l) => l.trim() === within) : -1;
    if (parent < 0) return [...doc.trimEnd().split("\n"), "", ...body, ""].join("\n");
    start = end = endOf(parent);
    while (start > parent + 1 && lines[start - 1]!.trim() === "") start -= 1;
    return [...lines.slice(0, start), "", ...body, ...(end < lines.length ? ["", ...lines.slice(end)] : [""])].join("\n");
  }
  const after = lines.slice(end);
  return [...lines.slice(0, start), ...body, ...(after.length > 0 ? ["", ...after] : [""])].join("\n");
}

export function writeSection(file: string, section: string, within?: string) {
  const doc = existsSync(file) ? readFileSync(file, "utf8") : "";
  writeFileSync(file, replaceSection(doc, section, within));
}
