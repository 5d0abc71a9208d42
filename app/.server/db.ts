import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { getEnv } from "./env";

// Set on every connection: WAL lets readers run beside a writer; NORMAL sync is safe with WAL.
const PRAGMAS = [
  "PRAGMA journal_mode = WAL",
  "PRAGMA busy_timeout = 5000",
  "PRAGMA foreign_keys = ON",
  "PRAGMA synchronous = NORMAL",
].join(";\n");

class BatonSQLite extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    await adapter.executeScript(PRAGMAS);
    return adapter;
  }
}

function createClient() {
  const url = getEnv().DATABASE_URL;
  return new PrismaClient({ adapter: new BatonSQLite({ url, timeout: 5000 }) });
}

// One client per process; kept on globalThis so dev-server reloads do not open a new connection each time.
const globalForPrisma = globalThis as unknown as { __batonPrisma?: PrismaClient };

export const prisma: PrismaClient = globalForPrisma.__batonPrisma ?? createClient();
if (process.env.NODE_ENV === "development") globalForPrisma.__batonPrisma = prisma;

export type { PrismaClient };
