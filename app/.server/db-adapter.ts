/**
 * Prisma's better-sqlite3 adapter, made safe for many requests at once (docs/decisions/005).
 *
 * The stock adapter keeps one connection per process and only serialises transactions with each other:
 * a plain query from another request runs on the same connection *inside* whatever transaction is open,
 * sees its unfinished rows and is rolled back with it. Its transactions also start with a deferred BEGIN,
 * which fails at once with "database is locked" when another process wrote between its first read and
 * its first write. Here:
 *  - one writer connection; every write waits for its turn, so nothing joins someone else's transaction;
 *  - transactions start with BEGIN IMMEDIATE: they queue for the write lock (busy_timeout) up front;
 *  - plain SELECTs go to a read-only connection: WAL gives them the last committed state without waiting.
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;
type Query = Parameters<Adapter["queryRaw"]>[0];

export const BUSY_TIMEOUT_MS = 5000;

// Set on every connection: WAL lets readers run beside a writer; NORMAL sync is safe with WAL
// (a process crash loses nothing committed; a power cut can lose the last transactions, never corrupt).
const PRAGMAS = ["PRAGMA journal_mode = WAL", `PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`, "PRAGMA foreign_keys = ON", "PRAGMA synchronous = NORMAL"];

const sql = (text: string): Query => ({ sql: text, args: [], argTypes: [] });
const READ_ONLY = /^\s*SELECT\b/i;
const ENDS_TRANSACTION = /^\s*(COMMIT|ROLLBACK)\b/i;

/** A first-come, first-served lock: `acquire` resolves with the function that releases it. */
class TurnQueue {
  #tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const turn = this.#tail.then(() => once(release));
    this.#tail = this.#tail.then(() => held);
    return turn;
  }
}

function once(fn: () => void) {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}

class SerialisedSQLite implements Adapter {
  readonly provider: Adapter["provider"];
  readonly adapterName: string;
  readonly #writer: Adapter;
  readonly #reader: Adapter;
  readonly #turns = new TurnQueue();
  readonly getConnectionInfo?: Adapter["getConnectionInfo"];

  constructor(writer: Adapter, reader: Adapter) {
    this.#writer = writer;
    this.#reader = reader;
    this.provider = writer.provider;
    this.adapterName = writer.adapterName;
    if (writer.getConnectionInfo) this.getConnectionInfo = writer.getConnectionInfo.bind(writer);
  }

  queryRaw(query: Query) {
    if (READ_ONLY.test(query.sql)) return this.#reader.queryRaw(query);
    return this.#inTurn(() => this.#writer.queryRaw(query));
  }

  executeRaw(query: Query) {
    return this.#inTurn(() => this.#writer.executeRaw(query));
  }

  executeScript(script: string) {
    return this.#inTurn(() => this.#writer.executeScript(script));
  }

  async startTransaction(): Promise<Transaction> {
    const release = await this.#turns.acquire();
    try {
      await this.#writer.executeRaw(sql("BEGIN IMMEDIATE"));
    } catch (error) {
      release();
      throw error;
    }
    const writer = this.#writer;
    return {
      provider: writer.provider,
      adapterName: writer.adapterName,
      options: { usePhantomQuery: false },
      queryRaw: (query) => writer.queryRaw(query),
      // Prisma sends COMMIT/ROLLBACK itself and only then calls commit()/rollback(): release the turn
      // even when COMMIT fails, or every later write would wait forever.
      async executeRaw(query) {
        if (!ENDS_TRANSACTION.test(query.sql)) return writer.executeRaw(query);
        try {
          return await writer.executeRaw(query);
        } catch (error) {
          await writer.executeRaw(sql("ROLLBACK")).catch(() => 0);
          release();
          throw error;
        }
      },
      commit: async () => release(),
      rollback: async () => release(),
    };
  }

  async dispose() {
    await Promise.all([this.#writer.dispose(), this.#reader.dispose()]);
  }

  async #inTurn<T>(run: () => Promise<T>): Promise<T> {
    const release = await this.#turns.acquire();
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

  constructor(url: string) {
    super({ url, timeout: BUSY_TIMEOUT_MS });
    this.#url = url;
  }

  override async connect(): Promise<Adapter> {
    const writer = await super.connect();
    await writer.executeScript(PRAGMAS.join(";\n"));
    // An in-memory database exists once per connection: it cannot have a second one.
    if (/^(file:)?:memory:$/.test(this.#url)) return writer;
    const reader = await super.connect();
    await reader.executeScript([...PRAGMAS, "PRAGMA query_only = ON"].join(";\n"));
    return new SerialisedSQLite(writer, reader);
  }
}
