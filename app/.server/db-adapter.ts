/**
 * Prisma's better-sqlite3 adapter, made safe for many requests at once (docs/decisions/005 and 022).
 *
 * The stock adapter keeps one connection per process and only serialises transactions with each other:
 * a plain query from another request runs on the same connection *inside* whatever transaction is open,
 * sees its unfinished rows and is rolled back with it. Its transactions also start with a deferred BEGIN,
 * which fails at once with "database is locked" when another process wrote between its first read and
 * its first write. Here:
 *  - one writer connection; every write waits for its turn, so nothing joins someone else's transaction;
 *    a wait for the turn is limited (WRITE_TURN_TIMEOUT_MS) and then fails with DatabaseBusyError;
 *  - transactions start with BEGIN IMMEDIATE: they queue for the write lock (busy_timeout) up front;
 *  - statements SQLite itself judges read-only go to a read-only connection: WAL gives them the last
 *    committed state without waiting. An in-memory database has one connection, so everything takes turns.
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;
type Query = Parameters<Adapter["queryRaw"]>[0];

export const BUSY_TIMEOUT_MS = 5000;

/**
 * How long a write (or a transaction, or any query on an in-memory database) waits for the writer's turn before
 * it fails. Prisma's `maxWait` cannot shorten or lengthen this: it reaches no adapter, and Prisma only checks it
 * once the turn came. 30 s is the longest `maxWait` Baton asks for besides sign-in's, and under the minute after
 * which proxies give up on a request anyway.
 */
export const WRITE_TURN_TIMEOUT_MS = 30_000;

export type BatonSQLiteOptions = { writeTurnTimeoutMs?: number };

// Set on every connection: WAL lets readers run beside a writer; NORMAL sync is safe with WAL
// (a process crash loses nothing committed; a power cut can lose the last transactions, never corrupt).
const PRAGMAS = ["PRAGMA journal_mode = WAL", `PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`, "PRAGMA foreign_keys = ON", "PRAGMA synchronous = NORMAL"];

const sql = (text: string): Query => ({ sql: text, args: [], argTypes: [] });
// Prisma ends an interactive transaction by sending exactly these through the transaction's executeRaw.
const ENDS_TRANSACTION = /^\s*(COMMIT|ROLLBACK)\b/i;

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

/** A write gave up waiting for the writer's turn; it did not run and never will. */
export class DatabaseBusyError extends Error {
  constructor(waitedMs: number, holder: string) {
    super(`The database is busy: waited ${seconds(waitedMs)} for a write turn (${holder}). Nothing was written; try again in a moment.`);
    this.name = "DatabaseBusyError";
  }
}

type Release = () => void;
type Holder = { what: string; since: number };

/**
 * A first-come, first-served lock whose waiters give up after `limitMs`. A waiter that gives up leaves the queue
 * at once: it can never be handed the turn later with nobody left to release it.
 */
class TurnQueue {
  readonly #limitMs: number;
  readonly #waiting: (() => void)[] = [];
  #holder: Holder | null = null;

  constructor(limitMs: number) {
    this.#limitMs = limitMs;
  }

  /** Resolves with the function that releases the turn, or rejects with DatabaseBusyError after the limit. */
  acquire(what: string): Promise<Release> {
    if (!this.#holder) return Promise.resolve(this.#take(what));
    return new Promise((resolve, reject) => {
      const take = () => {
        clearTimeout(timer);
        resolve(this.#take(what));
      };
      const timer = setTimeout(() => {
        this.#waiting.splice(this.#waiting.indexOf(take), 1);
        const holder = this.#holder!;
        reject(new DatabaseBusyError(this.#limitMs, `${holder.what} has held it for ${seconds(Date.now() - holder.since)}`));
      }, this.#limitMs);
      this.#waiting.push(take);
    });
  }

  #take(what: string): Release {
    this.#holder = { what, since: Date.now() };
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#holder = null;
      this.#waiting.shift()?.();
    };
  }
}

/**
 * Which statements may run on the read-only connection, as SQLite judges them: `Statement.readonly`
 * (sqlite3_stmt_readonly) and `Statement.reader` (it returns rows), from a prepare on a handle of our own that
 * never runs anything. That leaves out every write (also `UPDATE … RETURNING`), BEGIN/COMMIT/SAVEPOINT and
 * ATTACH (read-only to SQLite, but they change the connection). PRAGMAs stay on the writer too: one that sets
 * a value (`PRAGMA busy_timeout = 1`) is read-only and returns a row, yet would change the wrong connection.
 */
class ReadRouting {
  static readonly #REMEMBERED = 2000;
  static readonly #PRAGMA = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*PRAGMA\b/i;
  readonly #db: Database.Database;
  readonly #verdicts = new Map<string, boolean>();

  constructor(file: string) {
    this.#db = new Database(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  }

  isRead(text: string): boolean {
    const known = this.#verdicts.get(text);
    if (known !== undefined) return known;
    let verdict: boolean;
    try {
      const statement = this.#db.prepare(text);
      verdict = statement.readonly && statement.reader && !ReadRouting.#PRAGMA.test(text);
    } catch {
      // Not preparable here (a temp table, a table a migration is about to add, a syntax error): the writer
      // runs it and reports the real error. Not remembered: the schema may change.
      return false;
    }
    if (this.#verdicts.size >= ReadRouting.#REMEMBERED) this.#verdicts.delete(this.#verdicts.keys().next().value!);
    this.#verdicts.set(text, verdict);
    return verdict;
  }

  close() {
    this.#db.close();
  }
}

class SerialisedSQLite implements Adapter {
  readonly provider: Adapter["provider"];
  readonly adapterName: string;
  readonly #writer: Adapter;
  readonly #reads: { reader: Adapter; routing: ReadRouting } | null;
  readonly #turns: TurnQueue;
  readonly getConnectionInfo?: Adapter["getConnectionInfo"];

  /** Without `reads` (an in-memory database) every query takes its turn on the writer. */
  constructor(writer: Adapter, reads: { reader: Adapter; routing: ReadRouting } | null, writeTurnTimeoutMs: number) {
    this.#writer = writer;
    this.#reads = reads;
    this.#turns = new TurnQueue(writeTurnTimeoutMs);
    this.provider = writer.provider;
    this.adapterName = writer.adapterName;
    if (writer.getConnectionInfo) this.getConnectionInfo = writer.getConnectionInfo.bind(writer);
  }

  queryRaw(query: Query) {
    if (this.#reads?.routing.isRead(query.sql)) return this.#reads.reader.queryRaw(query);
    return this.#inTurn(() => this.#writer.queryRaw(query));
  }

  executeRaw(query: Query) {
    return this.#inTurn(() => this.#writer.executeRaw(query));
  }

  executeScript(script: string) {
    return this.#inTurn(() => this.#writer.executeScript(script));
  }

  async startTransaction(): Promise<Transaction> {
    const release = await this.#turns.acquire("a transaction");
    try {
      await this.#writer.executeRaw(sql("BEGIN IMMEDIATE"));
    } catch (error) {
      release();
      throw error;
    }
    const writer = this.#writer;
    let open = true;
    const end = () => {
      open = false;
      release();
    };
    // Once the turn is released, a late query through this object would run inside someone else's turn.
    const whileOpen = () => {
      if (!open) throw new Error("This transaction has already ended: it no longer holds the write turn.");
    };
    return {
      provider: writer.provider,
      adapterName: writer.adapterName,
      options: { usePhantomQuery: false },
      async queryRaw(query) {
        whileOpen();
        return writer.queryRaw(query);
      },
      // Prisma sends COMMIT/ROLLBACK itself (also when its `timeout` expires) and only then calls
      // commit()/rollback(): release the turn even when COMMIT fails, or every later write would wait in vain.
      async executeRaw(query) {
        whileOpen();
        if (!ENDS_TRANSACTION.test(query.sql)) return writer.executeRaw(query);
        try {
          return await writer.executeRaw(query);
        } catch (error) {
          await writer.executeRaw(sql("ROLLBACK")).catch(() => 0);
          end();
          throw error;
        }
      },
      commit: async () => end(),
      rollback: async () => end(),
    };
  }

  async dispose() {
    await Promise.all([this.#writer.dispose(), this.#reads?.reader.dispose()]);
    this.#reads?.routing.close();
  }

  async #inTurn<T>(run: () => Promise<T>): Promise<T> {
    const release = await this.#turns.acquire("another write");
    try {
      return await run();
    } finally {
      release();
    }
  }
}

/** The driver adapter Baton's Prisma client uses: `new PrismaClient({ adapter: new BatonSQLite(url) })`. */
export class BatonSQLite extends PrismaBetterSQLite3 {
  readonly #url: string;
  readonly #writeTurnTimeoutMs: number;

  constructor(url: string, options: BatonSQLiteOptions = {}) {
    super({ url, timeout: BUSY_TIMEOUT_MS });
    this.#url = url;
    this.#writeTurnTimeoutMs = options.writeTurnTimeoutMs ?? WRITE_TURN_TIMEOUT_MS;
  }

  override async connect(): Promise<Adapter> {
    const writer = await super.connect();
    await writer.executeScript(PRAGMAS.join(";\n"));
    // An in-memory database exists once per connection: it cannot have a second one.
    if (/^(file:)?:memory:$/.test(this.#url)) return new SerialisedSQLite(writer, null, this.#writeTurnTimeoutMs);
    const reader = await super.connect();
    await reader.executeScript([...PRAGMAS, "PRAGMA query_only = ON"].join(";\n"));
    const routing = new ReadRouting(this.#url.replace(/^file:/, ""));
    return new SerialisedSQLite(writer, { reader, routing }, this.#writeTurnTimeoutMs);
  }
}
