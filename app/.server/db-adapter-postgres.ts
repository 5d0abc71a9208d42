/**
 * Prisma's PostgreSQL adapter with one rule added (docs/decisions/018): a transaction takes a transaction-level
 * advisory lock before its first statement, so write transactions run one at a time across every server process,
 * as they do on SQLite (BEGIN IMMEDIATE, docs/decisions/005). Every check that guards a write (attempts left,
 * the last HR person, a quiz answered twice at once) was written against that guarantee; READ COMMITTED alone
 * would let two such checks pass side by side. Plain reads outside transactions run in parallel on the pool.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { BUSY_TIMEOUT_MS, WRITE_TURN_TIMEOUT_MS } from "./db-adapter";

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type Query = Parameters<Adapter["queryRaw"]>[0];

/** The lock every write transaction holds; any number that no other advisory lock of Baton's uses. */
export const WRITE_LOCK_KEY = 4_711_2026;
const sql = (text: string, ...args: number[]): Query => ({
  sql: text,
  args,
  argTypes: args.map(() => ({ scalarType: "int" as const, arity: "scalar" as const })),
});

export class BatonPostgres extends PrismaPg {
  constructor(url: string, poolSize = 10) {
    // Waiting for a connection is waiting for a turn: the same limit as SQLite's write turn (ADR 022).
    super({ connectionString: url, max: poolSize, connectionTimeoutMillis: WRITE_TURN_TIMEOUT_MS });
  }

  override async connect(): Promise<Adapter> {
    const adapter = await super.connect();
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const tx = await startTransaction(isolationLevel);
      try {
        // The write turn is waited for as long as on SQLite, then the transaction fails rather than queueing
        // forever; row locks after it wait like SQLite's busy_timeout.
        await tx.executeRaw(sql(`SET LOCAL lock_timeout = ${WRITE_TURN_TIMEOUT_MS}`));
        await tx.executeRaw(sql("SELECT pg_advisory_xact_lock($1)", WRITE_LOCK_KEY));
        await tx.executeRaw(sql(`SET LOCAL lock_timeout = ${BUSY_TIMEOUT_MS}`));
      } catch (error) {
        await tx.executeRaw(sql("ROLLBACK")).catch(() => 0);
        await tx.rollback();
        throw error;
      }
      return tx;
    };
    return adapter;
  }
}
