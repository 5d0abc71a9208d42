// npm run bench:readiness:load (also run by npm run bench:readiness, on its 10,000-person organisation)
// Starts the production build (server.mjs, NODE_ENV=production) on an organisation with a fresh readiness
// summary and fires GET /login at BENCH_LOGIN_RPS (20) requests a second, open loop (each request leaves on
// schedule, whether or not the one before has answered), while HR, through the same server, confirms a
// BENCH_IMPORT_ROWS-row (200,000) people import and downloads the full readiness CSV — and then downloads it
// again, which first computes the summary of everyone the import added. Records p50 / p99 / max and failures
// per phase, the quiet phase before being the same run's baseline.
//
// On its own it builds its organisation first (BENCH_PEOPLE, 10,000); BENCH_NO_BUILD=1 reuses build-bench/.
import Database from "better-sqlite3";
import { request as httpRequest } from "node:http";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUILD_DIR, memoryOf, startServer, step } from "../setup";
import { percentile } from "../load";
import { buildOrganisation, freshDatabase, syntheticCatalog, writeCatalog } from "./org";

export type Phase = {
  label: string;
  seconds: number;
  requests: number;
  failures: number;
  p50: number;
  p99: number;
  max: number;
};
export type LoadResult = {
  importRows: number;
  people: number;
  rps: number;
  quiet: Phase;
  phases: Phase[];
  busy: Phase;
  importMs: number;
  imported: number;
  csv: { ms: number; bytes: number; status: number }[];
  serverPeakRssMb: number;
  failures: string[];
};

const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const log = (line: string) => console.error(`  ${line}`);

/** A request over node:http, body read to the end: no client-side time limit (a CSV may first compute a lot). */
function send(
  url: string,
  opts: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
  } = {},
): Promise<{
  status: number;
  bytes: number;
  text: string;
  headers: Record<string, string | undefined>;
}> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: opts.method ?? "GET", headers: opts.headers }, (res) => {
      let bytes = 0;
      const keep: Buffer[] = [];
      res.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        if (keep.length < 64) keep.push(chunk);
      });
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          bytes,
          text: Buffer.concat(keep).toString("utf8"),
          headers: { location: res.headers.location },
        }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

async function main() {
  const importRows = num("BENCH_IMPORT_ROWS", 200_000);
  const rps = num("BENCH_LOGIN_RPS", 20);
  let scratch: string | null = null;
  let dbFile = process.env.BENCH_DATABASE;
  let content = process.env.BENCH_CONTENT;
  if (!dbFile || !content) {
    // On its own: an organisation of its own, built as the main benchmark builds it.
    scratch = join(tmpdir(), `baton-bench-readiness-load-${process.pid}`);
    mkdirSync(scratch, { recursive: true });
    const catalog = syntheticCatalog(num("BENCH_COURSES", 250));
    writeCatalog(scratch, catalog);
    dbFile = join(scratch, "org.db");
    content = scratch;
    const db = freshDatabase(dbFile);
    const people = num("BENCH_PEOPLE", 10_000);
    log(`building an organisation of ${people.toLocaleString("en-GB")} people…`);
    buildOrganisation(
      db,
      {
        people,
        curricula: 100,
        courses: catalog.courses.length,
        coursesPerCurriculum: 10,
        curriculaPerPerson: 14,
      },
      catalog,
      new Date(),
      () => {},
    );
    db.close();
  }
  const logDir = join(tmpdir(), `baton-bench-readiness-logs-${process.pid}`);
  mkdirSync(logDir, { recursive: true });
  try {
    if (process.env.BENCH_NO_BUILD === "1") {
      if (!existsSync(join(BUILD_DIR, "server", "index.js"))) throw new Error(`BENCH_NO_BUILD=1 needs an earlier build in ${BUILD_DIR}/`);
    } else await step(`  production build (${BUILD_DIR}/)`, "npx", ["remix", "vite:build"], { BUILD_DIR }, join(logDir, "build.log"));

    // This process prepares HR's side through Baton's own modules, on the server's database.
    const databaseUrl = `file:${dbFile}`;
    Object.assign(process.env, {
      DATABASE_URL: databaseUrl,
      NODE_ENV: "production",
      CONTENT_OUT_DIR: content,
    });
    const { prisma } = await import("../../../app/.server/db");
    const { freshenReadiness } = await import("../../../app/.server/readiness/upkeep");
    const { sessionCookieHeader } = await import("../../../app/.server/auth/cookie");
    const { generateToken, hashToken } = await import("../../../app/.server/auth/token");
    const { firstExpiry } = await import("../../../app/.server/auth/session-rules");
    const { sampleCsv } = await import("../../../app/.server/people/import/sample");
    const { previewImport, storeUpload } = await import("../../../app/.server/people/import/import");

    log("freshening the summary before the server starts…");
    await freshenReadiness();
    const token = generateToken();
    const hr = await prisma.person.create({
      data: {
        email: "hr@bench.baton",
        name: "Bench HR",
        role: "HR",
        signedInAt: new Date(),
      },
    });
    await prisma.session.create({
      data: {
        id: hashToken(token),
        personId: hr.id,
        createdAt: new Date(),
        expiresAt: firstExpiry(new Date()),
      },
    });
    const cookie = (await sessionCookieHeader(token)).split(";")[0]!;
    // The file HR uploaded and previewed: kept on the server, confirmed below by its key and the preview's fingerprint.
    const csv = sampleCsv(importRows, {
      delimiter: ",",
      bom: true,
      domain: "import.bench",
    });
    log(`previewing the ${importRows.toLocaleString("en-GB")}-row file (${(csv.length / 2 ** 20).toFixed(1)} MB) as HR would before confirming…`);
    const preview = await previewImport(csv, hr.id);
    if (!preview.ok || preview.plan.problems.length > 0)
      throw new Error(`the generated file does not preview cleanly: ${preview.ok ? preview.plan.problems.length + " problems" : preview.message}`);
    const upload = await storeUpload(csv, "people.csv", hr.id);
    const peopleBefore = await prisma.person.count();
    await prisma.$disconnect();

    const server = await startServer(
      "Baton",
      ["server.mjs"],
      {
        NODE_ENV: "production",
        BUILD_DIR,
        DATABASE_URL: databaseUrl,
        CONTENT_OUT_DIR: content,
      },
      join(logDir, "server.log"),
      "/login",
    );
    log(`Baton is running at ${server.origin} (pid ${server.pid})`);
    try {
      let peakRss = 0;
      const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, memoryOf(server.pid)?.rssMb ?? 0)), 250);
      const failures: string[] = [];
      const samples: { at: number; ms: number; ok: boolean }[] = [];
      const inflight = new Set<Promise<void>>();
      const fire = () => {
        const at = performance.now();
        // A timer of our own: AbortSignal.timeout's does not keep the process alive while a request hangs.
        const abort = new AbortController();
        const limit = setTimeout(() => abort.abort(new Error("no answer within 10 s")), 10_000);
        const p = fetch(`${server.origin}/login`, { signal: abort.signal })
          .then(async (res) => {
            await res.arrayBuffer();
            const ok = res.status === 200;
            if (!ok) failures.push(`GET /login answered ${res.status}`);
            samples.push({ at, ms: performance.now() - at, ok });
          })
          .catch((error: unknown) => {
            failures.push(`GET /login failed: ${error instanceof Error ? error.message : String(error)}`);
            samples.push({ at, ms: performance.now() - at, ok: false });
          })
          .finally(() => {
            clearTimeout(limit);
            inflight.delete(p);
          });
        inflight.add(p);
      };
      // Open loop on a fixed schedule: a slow answer does not delay the next request.
      const t0 = performance.now();
      let sent = 0;
      const pinger = setInterval(() => {
        const due = Math.floor(((performance.now() - t0) / 1000) * rps);
        while (sent < due) {
          fire();
          sent += 1;
        }
      }, 5);
      const marks: { label: string; from: number; to: number }[] = [];
      const phase = async (label: string, work: () => Promise<unknown>) => {
        const from = performance.now();
        log(`${label}…`);
        await work();
        marks.push({ label, from, to: performance.now() });
      };
      const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

      const csvRuns: LoadResult["csv"] = [];
      const downloadCsv = async () => {
        const t = performance.now();
        const res = await send(`${server.origin}/hr/readiness.csv`, {
          headers: { cookie },
        });
        csvRuns.push({
          ms: performance.now() - t,
          bytes: res.bytes,
          status: res.status,
        });
        if (res.status !== 200) failures.push(`the CSV answered ${res.status}`);
        log(`  CSV: ${res.status}, ${(res.bytes / 2 ** 20).toFixed(1)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      };
      let importMs = 0;
      const confirmImport = async () => {
        const t = performance.now();
        const body = new URLSearchParams({
          intent: "confirm",
          upload,
          fingerprint: preview.fingerprint,
        }).toString();
        const res = await send(`${server.origin}/hr/import`, {
          method: "POST",
          headers: {
            cookie,
            origin: server.origin,
            "content-type": "application/x-www-form-urlencoded",
            "content-length": String(Buffer.byteLength(body)),
          },
          body,
        });
        // The import runs as a job in the server: the confirmation redirects to its page, which HR's browser polls.
        const location = res.status === 302 ? (res.headers.location ?? "") : "";
        const job = /[?&]job=([^&]+)/.exec(location)?.[1];
        if (!job) {
          failures.push(`the import answered ${res.status}: ${res.text.slice(0, 300)}`);
          return;
        }
        // Done when its people are in the database (read from here, so the server's page is not what is measured).
        const people = new Database(dbFile, { readonly: true });
        const count = people.prepare(`SELECT COUNT(*) AS n FROM "Person"`);
        try {
          const deadline = Date.now() + 30 * 60_000;
          while ((count.get() as { n: number }).n < peopleBefore + importRows) {
            if (Date.now() > deadline) {
              failures.push(`the import job did not finish within 30 minutes (job ${job})`);
              break;
            }
            await wait(250);
          }
        } finally {
          people.close();
        }
        importMs = performance.now() - t;
        log(`  import: done in ${(importMs / 1000).toFixed(1)} s`);
      };

      // The first requests compile and warm the server: not part of any phase.
      await wait(3_000);
      marks.length = 0;
      await phase("quiet (nothing else running)", () => wait(5_000));
      await phase("import + CSV at once", () => Promise.all([confirmImport(), downloadCsv()]));
      await phase("CSV after the import (computes the new people's summaries first)", downloadCsv);
      await phase("quiet again", () => wait(2_000));
      clearInterval(pinger);
      await Promise.all(inflight);
      clearInterval(rssTimer);

      const phaseOf = (label: string, from: number, to: number): Phase => {
        const inside = samples.filter((s) => s.at >= from && s.at < to);
        const sorted = Float64Array.from(inside.map((s) => s.ms)).sort();
        return {
          label,
          seconds: (to - from) / 1000,
          requests: inside.length,
          failures: inside.filter((s) => !s.ok).length,
          p50: percentile(sorted, 50),
          p99: percentile(sorted, 99),
          max: sorted.length ? sorted[sorted.length - 1]! : NaN,
        };
      };
      const phases = marks.map((m) => phaseOf(m.label, m.from, m.to));
      const busyFrom = marks[1]!.from;
      const busyTo = marks[2]!.to;

      const { prisma: after } = await import("../../../app/.server/db");
      const imported = (await after.person.count()) - peopleBefore;
      await after.$disconnect();
      if (imported !== importRows) failures.push(`the import added ${imported} people, not ${importRows}`);

      const result: LoadResult = {
        importRows,
        people: peopleBefore,
        rps,
        quiet: phases[0]!,
        phases,
        busy: phaseOf("import and both CSVs", busyFrom, busyTo),
        importMs,
        imported,
        csv: csvRuns,
        serverPeakRssMb: peakRss,
        failures: [...new Set(failures)].slice(0, 20),
      };
      for (const p of [...phases, result.busy]) {
        log(
          `${p.label}: ${p.requests} requests in ${p.seconds.toFixed(1)} s, p50 ${p.p50.toFixed(1)} ms, p99 ${p.p99.toFixed(
            1,
          )} ms, max ${p.max.toFixed(1)} ms, ${p.failures} failed`,
        );
      }
      if (result.failures.length) log(`failures: ${result.failures.join("; ")}`);
      if (process.env.BENCH_RESULT) writeFileSync(process.env.BENCH_RESULT, JSON.stringify(result));
    } finally {
      await server.stop();
    }
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    if (process.env.BENCH_KEEP !== "1") rmSync(logDir, { recursive: true, force: true });
    else log(`logs kept in ${logDir}`);
  }
}

main().catch((error) => {
  console.error(error);
  // The server is stopped by then; the request timers are not: end here.
  process.exit(1);
});
