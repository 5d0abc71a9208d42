/** The "Readiness report" section of docs/benchmarks.md, from one run's figures. */
import { cpus, totalmem } from "node:os";
import type { LoadResult } from "./load";
import type { SizeResult } from "./measure";

const GOALS = { reportSpeedup: 50, csvSpeedup: 5, writeRatio: 2, loginP99Ms: 250, memoryGrowth: 1.5, reportScaling: 2 };

const f = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(2)} ms`);
const x = (ratio: number) => `${ratio >= 100 ? ratio.toFixed(0) : ratio.toFixed(ratio >= 10 ? 1 : 2)}×`;
const n = (v: number) => v.toLocaleString("en-GB");
const mb = (v: number) => `${v.toFixed(1)} MB`;

type Row = { what: string; baseline: string; baton: string; ratio: string; goal: string; met: boolean | null; by?: string };

export function renderSection(small: SizeResult, large: SizeResult, load: LoadResult | null, now: Date, totalSeconds: number): string {
  const cpu = cpus();
  const machine = `${cpu[0]?.model.trim() ?? "unknown CPU"}, ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GB RAM, Node ${process.version}`;
  const peopleRatio = large.size.people / small.size.people;
  const L = n(large.size.people);
  const S = n(small.size.people);
  const rows: Row[] = [];
  const notes: string[] = [];

  // 1. The report's first page against deriving everyone.
  for (const r of [large, small]) {
    const speedup = r.oldReport.median / r.report.median;
    rows.push({
      what: `HR report, first page, default filters (${n(r.size.people)} people, ${n(r.cells)} cells)`,
      baseline: `${f(r.oldReport.median)} (derive everyone, count in memory)`,
      baton: f(r.report.median),
      ratio: `${x(speedup)} faster`,
      goal: `≥ ${GOALS.reportSpeedup}× faster`,
      met: r === large ? speedup >= GOALS.reportSpeedup : null,
      by: `${x(speedup / GOALS.reportSpeedup)} of the goal`,
    });
  }
  const countsEqual = large.mismatches.length === 0 && small.mismatches.length === 0;
  // 2. The CSV against deriving everyone and one string.
  for (const r of [large, small]) {
    const speedup = r.oldCsv.median / r.csv.median;
    rows.push({
      what: `Readiness CSV, whole file read (${n(r.size.people)} people, ${mb(r.csvBytes / 2 ** 20)})`,
      baseline: `${f(r.oldCsv.median)} (derive everyone, one papaparse string)`,
      baton: f(r.csv.median),
      ratio: `${x(speedup)} faster`,
      goal: `≥ ${GOALS.csvSpeedup}× faster`,
      met: r === large ? speedup >= GOALS.csvSpeedup : null,
      by: `${x(speedup / GOALS.csvSpeedup)} of the goal`,
    });
  }
  const memGrowth = large.csvMemory.liveMb / Math.max(small.csvMemory.liveMb, 1);
  const memory = (r: SizeResult, m: SizeResult["csvMemory"]) => `${mb(m.liveMb)} at ${n(r.size.people)} (heap peak ${mb(m.heapMb)})`;
  rows.push({
    what: `CSV memory held while streaming (live heap after a full GC at each chunk read), ${L} vs ${S} people`,
    baseline: memory(small, small.csvMemory),
    baton: memory(large, large.csvMemory),
    ratio: x(memGrowth),
    goal: `flat (≤ ${GOALS.memoryGrowth}× for ${x(peopleRatio)} the people)`,
    met: memGrowth <= GOALS.memoryGrowth,
    by: `${x(memGrowth)} for ${x(peopleRatio)} the people`,
  });
  rows.push({
    what: "(old path, for comparison) CSV memory held, and heap peak",
    baseline: memory(small, small.oldCsvMemory),
    baton: memory(large, large.oldCsvMemory),
    ratio: x(large.oldCsvMemory.liveMb / Math.max(small.oldCsvMemory.liveMb, 1)),
    goal: "—",
    met: null,
  });
  // 3. A progress write with and without the upkeep.
  const w = large.writes;
  if (w) {
    const ratio = w.withUpkeep / w.without;
    rows.push({
      what: `Progress write that changes readiness (median of ${n(w.n)} each, interleaved)`,
      baseline: `${f(w.without)} (transaction + completeLesson)`,
      baton: `${f(w.withUpkeep)} (finishLesson: + readinessChanged)`,
      ratio: x(ratio),
      goal: `≤ ${GOALS.writeRatio}×`,
      met: ratio <= GOALS.writeRatio,
      by: `${x(ratio / GOALS.writeRatio)} the goal`,
    });
    if (ratio > GOALS.writeRatio) {
      notes.push(
        `Progress write: ${x(ratio)} the same write without the upkeep (goal ≤ ${GOALS.writeRatio}×). The write itself costs ${f(w.without)}; the upkeep adds ` +
          `${f(w.withUpkeep - w.without)}, of which deriving the one person again from the raw tables (\`readinessFor([id])\`: their assignments, curricula, ` +
          `overrides, lesson tallies, attempts and practice — five queries over ${n(Math.round(large.cells / Math.max(large.population, 1)))} courses) is about ${f(w.derivePerson)} ` +
          `and storing it (reading the stored summary, curricula and course rows back, comparing about ${n(Math.round(large.cells / Math.max(large.population, 1)))} course JSONs, updating the rows that differ) the rest, about ${f(w.upkeepShare.store)}. ` +
          "What would close it: recompute only the course the write touched (its tally, attempts and practice) and the person's state from the stored " +
          "course rows, instead of the whole person; and write the changed course row without reading all of them back.",
      );
    }
  }
  // 4. GET /login under an import and a full CSV.
  if (load) {
    const ok = load.busy.p99 <= GOALS.loginP99Ms && load.busy.failures === 0 && load.failures.length === 0;
    rows.push({
      what: `GET /login p99 at ${load.rps} req/s during a ${n(load.importRows)}-row import and full CSVs (${n(load.busy.requests)} requests)`,
      baseline: `${f(load.quiet.p99)} (quiet, same run)`,
      baton: `${f(load.busy.p99)} (max ${f(load.busy.max)}, ${load.busy.failures} failed)`,
      ratio: x(load.busy.p99 / Math.max(load.quiet.p99, 0.01)),
      goal: `≤ ${GOALS.loginP99Ms} ms, none failed`,
      met: ok,
      by: load.busy.p99 > GOALS.loginP99Ms ? `${x(load.busy.p99 / GOALS.loginP99Ms)} the goal` : `${load.busy.failures + load.failures.length} failures`,
    });
    if (!ok) {
      const worst = [...load.phases].sort((a, b) => b.p99 - a.p99)[0]!;
      notes.push(
        `GET /login under load: p99 ${f(load.busy.p99)}, max ${f(load.busy.max)}, ${load.busy.failures} failed (goal ≤ ${GOALS.loginP99Ms} ms, none failed). ` +
          `The worst phase is "${worst.label}" (p99 ${f(worst.p99)}, max ${f(worst.max)}). Every request shares the server's one event loop and its one ` +
          "SQLite connection with the import and the CSV; a step of either that runs without yielding (a long synchronous query — better-sqlite3 " +
          "answers synchronously — or a large batch computed in one go) holds every /login behind it for its whole length." +
          (load.failures.length ? ` Failures: ${load.failures.join("; ")}.` : ""),
      );
    }
  } else {
    rows.push({
      what: "GET /login p99 during an import and a full CSV",
      baseline: "—",
      baton: "not measured (BENCH_LOAD=0)",
      ratio: "—",
      goal: `≤ ${GOALS.loginP99Ms} ms`,
      met: null,
    });
  }
  // 5. Scaling.
  const csvScale = large.csv.median / small.csv.median;
  rows.push({
    what: `CSV time, ${L} ÷ ${S} people`,
    baseline: f(small.csv.median),
    baton: f(large.csv.median),
    ratio: x(csvScale),
    goal: `≤ ${x(peopleRatio)}`,
    met: csvScale <= peopleRatio,
    by: `${x(csvScale / peopleRatio)} the goal`,
  });
  const reportScale = large.report.median / small.report.median;
  rows.push({
    what: `Report first page time, ${L} ÷ ${S} people`,
    baseline: f(small.report.median),
    baton: f(large.report.median),
    ratio: x(reportScale),
    goal: `roughly constant (≤ ${GOALS.reportScaling}×)`,
    met: reportScale <= GOALS.reportScaling,
    by: `${x(reportScale)} for ${x(peopleRatio)} the people`,
  });
  // The full recompute: no goal, but it is the cost of a course-library change.
  for (const r of [large, small]) {
    rows.push({
      what: `Full recompute of the summary, ${n(r.size.people)} people (freshenReadiness)`,
      baseline: `${f(r.recompute.firstMs)} from empty`,
      baton: `${f(r.recompute.libraryChangeMs)} with everyone stale (a course-library change)`,
      ratio: "—",
      goal: "—",
      met: null,
    });
  }

  for (const [what, r, goal] of [
    ["HR report", large, GOALS.reportSpeedup],
    ["CSV", large, GOALS.csvSpeedup],
  ] as const) {
    const t = what === "HR report" ? r.report : r.csv;
    const o = what === "HR report" ? r.oldReport : r.oldCsv;
    if (o.median / t.median < goal) {
      notes.push(
        `${what} at ${n(r.size.people)} people: ${x(o.median / t.median)} faster than deriving everyone (goal ≥ ${goal}×): ${f(t.median)} against ${f(o.median)}. ` +
          (what === "HR report"
            ? "The first page runs a dozen grouped counts over the summary (state, department, start month, per curriculum and state, filter choices), one page of 50 people and the start-month series."
            : "The export reads every stored summary row in pages of 500 with its curricula, manager and e-mail, and formats it with papaparse."),
      );
    }
  }
  if (large.csvBlankLines > 0) {
    notes.push(
      `Not a speed matter, found on the way: the streamed CSV has ${large.csvBlankLines} blank line${large.csvBlankLines === 1 ? "" : "s"} — right after the header ` +
        '(app/.server/readiness/csv-stream.ts writes `Papa.unparse({ fields, data: [] }) + "\\r\\n"`, and papaparse already ends a header-only table with a line break). ' +
        "Spreadsheets show it as an empty first row; the record counts above leave it out.",
    );
  }
  if (memGrowth > GOALS.memoryGrowth)
    notes.push(`CSV memory: the response held ${mb(large.csvMemory.liveMb)} at ${L} people against ${mb(small.csvMemory.liveMb)} at ${S}.`);
  if (csvScale > peopleRatio) notes.push(`CSV scaling: ${x(csvScale)} the time for ${x(peopleRatio)} the people.`);
  if (reportScale > GOALS.reportScaling)
    notes.push(
      `Report scaling: the first page took ${x(reportScale)} as long at ${L} people as at ${S}; its grouped counts read every summary row of the population.`,
    );

  const mark = (r: Row) => (r.met === null ? "" : r.met ? "met" : `**missed** (${r.by})`);
  const cell = (s: string) => s.replace(/\|/g, "\\|");
  const table = rows.map((r) => `| ${[r.what, r.baseline, r.baton, r.ratio, r.goal, mark(r)].map(cell).join(" | ")} |`).join("\n");
  const counts = (c: Record<string, number>) =>
    ["READY", "ON_TRACK", "NOT_STARTED", "AT_RISK", "OVERDUE"].map((s) => `${s.toLowerCase().replace("_", " ")} ${n(c[s] ?? 0)}`).join(", ");
  const b = large.build;
  const verify = small.verify;
  const loadText = load
    ? `**Under load** (scripts/bench/readiness/load.ts, also \`npm run bench:readiness:load\`): the production build (\`NODE_ENV=production node server.mjs\`) on the ${n(load.people)}-person
database with a fresh summary; GET /login fired at ${load.rps} requests a second on a fixed schedule (open loop) while HR, through the same server,
confirmed a ${n(load.importRows)}-row import (previewed and stored beforehand, as the Import page does; ${n(load.imported)} people added in ${f(load.importMs)}) and
downloaded the full CSV at the same time, then downloaded it again (which first computes the summary of everyone imported: ${load.csv.map((c) => `${f(c.ms)}, ${mb(c.bytes / 2 ** 20)}`).join("; ")}).
Server peak RSS ${mb(load.serverPeakRssMb)}. Per phase:

| phase | seconds | requests | p50 | p99 | max | failed |
|---|---|---|---|---|---|---|
${[...load.phases, load.busy].map((p) => `| ${p.label} | ${p.seconds.toFixed(1)} | ${n(p.requests)} | ${f(p.p50)} | ${f(p.p99)} | ${f(p.max)} | ${p.failures} |`).join("\n")}

`
    : "";

  return `## Readiness report

\`npm run bench:readiness\` (scripts/bench/readiness/), ${now.toISOString().slice(0, 10)}, ${machine}.
A synthetic organisation in a fresh SQLite database: ${L} people in 12 departments (managers, start dates over the last six
months and the next three weeks — ${n(b.startingLater)} start later — a few without, 2 % deactivated, ${n(b.neverSignedIn)} never signed in),
${large.size.curricula} curricula of ${large.size.coursesPerCurriculum} courses from a ${large.size.courses}-course catalog (a third in order, due rules, optional
courses, courses made required later, archived curricula, unassigned and reassigned periods), about ${large.size.curriculaPerPerson} curricula per person:
**${n(large.cells)} person × course cells** in the report, ${n(b.lessonRows)} lesson progress rows, ${n(b.attemptRows)} quiz attempts (passed, failed,
out of attempts, some open), ${n(b.practiceRows)} practice submissions (waiting, returned, signed off) and ${n(b.overrideRows)} overrides
(waivers, later due dates, extra attempts). The same at a tenth: ${S} people, ${n(small.cells)} cells. Report population at ${L}:
${counts(large.counts)} (of ${n(large.population)}).

The summary is built with \`freshenReadiness(now)\` (the full recompute in the table), then everyone is marked stale and it is built
again, as a course-library change makes it. ${verify ? `\`verifyReadiness(now)\` on the ${S}-person organisation: **${n(verify.checked)} people checked, ${verify.differences} differences**${verify.stale ? ` (${verify.stale} stale)` : ""}.` : ""}
The summary's counts ${countsEqual ? "**equal** the derivation's at both sizes (per state and per department), and the two CSVs have the same number of records" : "**DIFFER** from the derivation's — see the run's output"}.

**Baselines, same run:** the old path, kept in scripts/bench/readiness/baseline.ts as it was before the summary — \`readinessFor(await reportPopulation(), now)\`
then the report's counting in memory, and for the CSV the same derivation then the whole file as one papaparse string. Each figure is a warm-up,
then the median of ${large.report.runs.length} runs (${large.oldReport.runs.length} for the old path), with the same "now"; memory is the growth of the heap
(+ array buffers) over a collected heap while the whole response body is read: what is still held after a full GC at each chunk
(the criterion), and the peak with garbage not yet collected (which depends on when V8 chooses to collect).

| what | baseline | Baton | ratio | goal | |
|---|---|---|---|---|---|
${table}

${loadText}${notes.length ? `### Where a goal is missed, and why\n\n${notes.map((note) => `- ${note}`).join("\n")}\n\n` : ""}Whole run: ${totalSeconds.toFixed(0)} s. Re-run with \`npm run bench:readiness\`
(\`BENCH_PEOPLE=1000 BENCH_RUNS=1 BENCH_LOAD=0\` for a quick look; other sizes do not write this file).
`;
}
