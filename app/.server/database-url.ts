/**
 * Which database a DATABASE_URL names (docs/decisions/018): `file:…` is SQLite (the embedded default),
 * `postgresql://…` or `postgres://…` is PostgreSQL. Every module that writes SQL of its own asks here.
 */
export type DatabaseKind = "sqlite" | "postgresql";

export function databaseKind(url: string): DatabaseKind {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgresql";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL), not "${url.replace(/\/\/[^@/]*@/, "//…@")}"`);
}
