/**
 * A unique index refused a row (an email taken meanwhile, a form sent twice): P2002 from Prisma's query API,
 * P2010 from raw SQL, whose message carries the database's own words (SQLite) or code 23505 (PostgreSQL).
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message } = error as { code?: string; message?: string };
  return code === "P2002" || (code === "P2010" && /UNIQUE constraint failed|\b23505\b/i.test(message ?? ""));
}
