import { PrismaClient } from "~/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "~/generated/prisma-pg/client";
import { BatonSQLite, WRITE_TURN_TIMEOUT_MS } from "./db-adapter";
import { BatonPostgres } from "./db-adapter-postgres";
import { databaseKind } from "./database-url";
import { getEnv } from "./env";

function createClient(): PrismaClient {
  const url = getEnv().DATABASE_URL;
  // Prisma checks maxWait only once a transaction has started, and rolls back one that waited longer: with the
  // adapter's own limit on the wait for the write turn, the adapter decides, with its clear error (ADR 022).
  const transactionOptions = { maxWait: WRITE_TURN_TIMEOUT_MS };
  if (databaseKind(url) === "postgresql") {
    // Generated from the same schema with the postgresql provider (docs/decisions/018): the same models, fields
    // and enums, so the rest of Baton uses one type.
    return new PostgresPrismaClient({ adapter: new BatonPostgres(url), transactionOptions }) as unknown as PrismaClient;
  }
  return new PrismaClient({ adapter: new BatonSQLite(url), transactionOptions });
}

// One client per process; kept on globalThis so dev-server reloads do not open a new connection each time.
const globalForPrisma = globalThis as unknown as { __batonPrisma?: PrismaClient };

export const prisma: PrismaClient = globalForPrisma.__batonPrisma ?? createClient();
if (process.env.NODE_ENV === "development") globalForPrisma.__batonPrisma = prisma;

/** The kind of database this process uses, for modules with SQL of their own. */
export const dialect = () => databaseKind(getEnv().DATABASE_URL);

export type { PrismaClient };
