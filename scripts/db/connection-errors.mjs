// One readable line for the ways a PostgreSQL DATABASE_URL goes wrong, instead of a driver's stack.

/** The URL with its password hidden, for messages and logs. */
export const redactUrl = (url) => url.replace(/(\/\/[^:/@]*):[^@/]*@/, "$1:…@");

export function describeConnectionError(error, url) {
  const where = redactUrl(url);
  const code = error?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "ETIMEDOUT" || /timeout/i.test(message)) {
    return `Cannot reach the PostgreSQL server of DATABASE_URL (${where}): ${code ?? message}. Is it running, and are host and port right?`;
  }
  if (code === "28P01" || code === "28000") return `PostgreSQL refused the user or password in DATABASE_URL (${where}).`;
  if (code === "3D000") return `The database in DATABASE_URL (${where}) does not exist: create it (createdb) and try again.`;
  if (code === "42501") return `The user in DATABASE_URL (${where}) may not change the schema: ${message}`;
  return `Database error on ${where}: ${message}`;
}
