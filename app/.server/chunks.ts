/** Split a list for `IN (…)` queries and batched inserts: SQLite limits the number of bound values. */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
