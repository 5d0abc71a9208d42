// The PostgreSQL half of `npm run db:backup` (docs/decisions/018): pg_dump's custom format, read from one snapshot.
// A REPEATABLE READ transaction exports its snapshot and stays open while pg_dump reads through --snapshot, and the
// summary's counts are taken in that same transaction: they are exactly the rows in the archive, while Baton keeps
// writing. The archive is written under a temporary name, checked with `pg_restore --list`, and only then named.
// Restore with `npm run db:restore -- <file> --to postgresql://…` (scripts/db/restore-postgres.ts).
import { spawn } from "node:child_process";
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import pg from "pg";
import { describeConnectionError, redactUrl } from "./connection-errors.mjs";

const COUNTED_TABLES = ["Person", "LessonProgress", "QuizAttempt"];

/** The parameters libpq knows: node-postgres and Prisma accept others (schema, connection_limit …) libpq refuses. */
const LIBPQ_PARAMS = new Set(
  "host hostaddr port dbname user passfile connect_timeout client_encoding options application_name keepalives sslmode sslcert sslkey sslrootcert sslcrl sslpassword target_session_attrs gssencmode channel_binding service".split(
    " ",
  ),
);

/** How pg_dump and pg_restore reach `url`: the URL without its password as --dbname, the password in PGPASSWORD. */
export function libpqConnection(url: string) {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  // node-postgres spellings libpq does not know.
  if (parsed.searchParams.get("ssl") === "true" && !parsed.searchParams.has("sslmode")) parsed.searchParams.set("sslmode", "require");
  if (parsed.searchParams.get("sslmode") === "no-verify") parsed.searchParams.set("sslmode", "require");
  for (const key of [...parsed.searchParams.keys()]) if (!LIBPQ_PARAMS.has(key)) parsed.searchParams.delete(key);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (password) env.PGPASSWORD = password;
  return { dbname: parsed.href, env };
}

/**
 * Debian's pg_dump or pg_restore of the newest installed PostgreSQL (a dump needs a pg_dump at least as new as the
 * server; scripts/ensure-postgres.sh installs the same version the tests run), else whichever is on PATH.
 */
function pgTool(name: "pg_dump" | "pg_restore") {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, "bin", name))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return newest ? join(root, newest, "bin", name) : name;
}

/** One status line rewritten in place on a terminal; nothing when the output goes to a file or a pipe. */
export function statusLine() {
  let shown = false;
  return {
    update(text: string) {
      if (!process.stdout.isTTY) return;
      process.stdout.write(`\r\x1b[2K  ${text}`);
      shown = true;
    },
    clear() {
      if (shown) process.stdout.write("\r\x1b[2K");
      shown = false;
    },
  };
}

/**
 * Run pg_dump or pg_restore; resolves with its standard output. `onLine` sees each line of its standard error as it
 * comes (--verbose reports each table). A failure rejects with one line: the tool's own error and detail lines.
 */
export function runTool(name: "pg_dump" | "pg_restore", args: string[], env: NodeJS.ProcessEnv, onLine: (line: string) => void = () => {}) {
  return new Promise<string>((done, reject) => {
    const child = spawn(pgTool(name), args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let pending = "";
    const problems: string[] = [];
    const take = (line: string) => {
      const problem = /^\S+: (error|detail|hint): (.*)$/.exec(line);
      if (problem?.[2]) problems.push(problem[2].trim());
      else if (line.trim()) onLine(line);
    };
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split("\n");
      pending = lines.pop() ?? "";
      lines.forEach(take);
    });
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code === "ENOENT" ? `${name} is missing: run bash scripts/ensure-postgres.sh` : `${name} did not start: ${error.message}`)),
    );
    child.on("close", (code, signal) => {
      take(pending);
      if (code === 0) done(stdout);
      else reject(new Error(`${name} failed: ${problems.join("; ") || (signal ? `stopped by ${signal}` : `exit code ${code}`)}`));
    });
  });
}

/** The summary's counts, as `client` sees them (inside the dump's snapshot when backing up); quiz attempts still open are told apart. */
export async function countRows(client: pg.ClientBase) {
  const { rows } = await client.query<{ table_name: string; submitted: boolean }>(
    `SELECT table_name, bool_or(column_name = 'submittedAt') AS submitted FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = ANY($1) GROUP BY table_name`,
    [COUNTED_TABLES],
  );
  const present = new Map(rows.map((r) => [r.table_name, r.submitted]));
  const parts: string[] = [];
  for (const table of COUNTED_TABLES.filter((t) => present.has(t))) {
    if (table === "QuizAttempt" && present.get(table)) {
      const { rows: counted } = await client.query<{ submitted: string; open: string }>(
        `SELECT count(*) FILTER (WHERE "submittedAt" IS NOT NULL) AS submitted, count(*) FILTER (WHERE "submittedAt" IS NULL) AS open FROM "QuizAttempt"`,
      );
      parts.push(`${counted[0]?.submitted} ${table} (${counted[0]?.open} in progress)`);
    } else {
      const { rows: counted } = await client.query<{ count: string }>(`SELECT count(*) FROM "${table}"`);
      parts.push(`${counted[0]?.count} ${table}`);
    }
  }
  return parts.join(", ");
}

/** Flush a file (or a folder, after a rename) to disk. */
export function fsyncPath(path: string) {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Back up the database at `url` to `target`; throws an Error whose message is the one line to show. */
export async function backupPostgres(url: string, target: string, { force }: { force: boolean }) {
  const out = resolve(target);
  if (existsSync(out) && !force) throw new Error(`${target} already exists: choose another name or add --force to replace it.`);
  mkdirSync(dirname(out), { recursive: true });

  const started = performance.now();
  console.log(`Backing up ${redactUrl(url)} → ${target} …`);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(describeConnectionError(error, url));
  }

  const partial = `${out}.partial-${process.pid}`;
  rmSync(partial, { force: true });
  const status = statusLine();
  let tables = 0;
  const show = () => status.update(`${tables} tables dumped, ${existsSync(partial) ? (statSync(partial).size / 1e6).toFixed(1) : "0.0"} MB …`);
  const ticker = setInterval(show, 1000);
  try {
    let counts: string;
    try {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      const { rows } = await client.query<{ snapshot: string }>("SELECT pg_export_snapshot() AS snapshot");
      counts = await countRows(client);
      const { dbname, env } = libpqConnection(url);
      // pg_dump fsyncs the archive it writes; the transaction stays open until it is done, keeping the snapshot.
      await runTool("pg_dump", ["--format=custom", `--snapshot=${rows[0]?.snapshot}`, "--verbose", `--file=${partial}`, `--dbname=${dbname}`], env, (line) => {
        if (/dumping contents of table/.test(line)) tables += 1;
        show();
      });
      await client.query("COMMIT");
    } catch (error) {
      if (error instanceof Error && !("code" in error)) throw error; // pg_dump's own line
      throw new Error(describeConnectionError(error, url));
    }
    const list = await runTool("pg_restore", ["--list", partial], process.env);
    const tableData = list.split("\n").filter((l) => / TABLE DATA /.test(l)).length;
    // Only a complete, readable archive gets the name: a crash mid-backup never leaves a broken file there.
    renameSync(partial, out);
    fsyncPath(dirname(out));
    clearInterval(ticker);
    status.clear();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const kb = Math.round(statSync(out).size / 1024);
    console.log(`Backup written: ${target} (${kb} KB; ${counts}; ${tableData} tables, pg_restore --list ok) in ${seconds}s.`);
  } catch (error) {
    clearInterval(ticker);
    status.clear();
    rmSync(partial, { force: true });
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}
