import { PrismaClient } from "~/generated/prisma/client";
import { BatonSQLite, BUSY_TIMEOUT_MS } from "./db-adapter";
import { getEnv } from "./env";

function createClient() {
  // A transaction waits for its turn to write as long as SQLite waits for another process's lock.
  return new PrismaClient({ adapter: new BatonSQLite(getEnv().DATABASE_URL), transactionOptions: { maxWait: BUSY_TIMEOUT_MS } });
}

// One client per process; kept on globalThis so dev-server reloads do not open a new connection each time.
const globalForPrisma = globalThis as unknown as { __batonPrisma?: PrismaClient };

export const prisma: PrismaClient = globalForPrisma.__batonPrisma ?? createClient();
if (process.env.NODE_ENV === "development") globalForPrisma.__batonPrisma = prisma;

export type { PrismaClient };
