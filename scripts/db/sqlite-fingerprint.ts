// The shape of a SQLite database — tables, columns (name, type, null, default, key), indexes and foreign keys —
// in a form two databases can be compared by. Columns are sorted by name: a table SQLite rebuilt keeps its columns
// but may list them in another order, which Prisma does not care about.
import type Database from "better-sqlite3";

export function sqliteFingerprint(db: Database.Database): Record<string, unknown> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name")
    .pluck()
    .all() as string[];
  const shape: Record<string, unknown> = {};
  for (const table of tables) {
    const columns = (db.prepare(`PRAGMA table_info("${table}")`).all() as { cid: number; name: string }[])
      .map(({ cid: _position, ...column }) => column)
      .sort((a, b) => a.name.localeCompare(b.name));
    const indexes = (db.prepare(`PRAGMA index_list("${table}")`).all() as { name: string; unique: number; origin: string }[])
      .map((i) => ({
        name: i.name,
        unique: i.unique,
        origin: i.origin,
        columns: (db.prepare(`PRAGMA index_info("${i.name}")`).all() as { name: string }[]).map((c) => c.name),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const foreignKeys = (
      db.prepare(`PRAGMA foreign_key_list("${table}")`).all() as { from: string; table: string; to: string; on_delete: string; on_update: string }[]
    )
      .map(({ from, table: to, to: column, on_delete, on_update }) => ({ from, to, column, on_delete, on_update }))
      .sort((a, b) => a.from.localeCompare(b.from));
    shape[table] = { columns, indexes, foreignKeys };
  }
  return shape;
}

/** Which tables differ between two fingerprints, each with a short account of how. */
export function fingerprintDifferences(migrated: Record<string, unknown>, declared: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const table of new Set([...Object.keys(migrated), ...Object.keys(declared)])) {
    if (!(table in migrated)) out.push(`table ${table} is in the schema but no migration creates it`);
    else if (!(table in declared)) out.push(`table ${table} is created by the migrations but not in the schema`);
    else {
      for (const part of ["columns", "indexes", "foreignKeys"] as const) {
        const [a, b] = [(migrated[table] as Record<string, unknown>)[part], (declared[table] as Record<string, unknown>)[part]];
        if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`table ${table}: its ${part} differ`);
      }
    }
  }
  return out;
}

/**
 * The committed SQLite migrations, applied in order to an empty database, against the database prisma/schema.prisma
 * declares: a schema change committed without its migration shows here (`db:migration` cannot see it offline).
 */
export function migrationsAgainstSchema(open: () => Database.Database, migrationsSql: string[], schemaSql: string): string[] {
  const [migrated, declared] = [open(), open()];
  try {
    for (const sql of migrationsSql) migrated.exec(sql);
    declared.exec(schemaSql);
    return fingerprintDifferences(sqliteFingerprint(migrated), sqliteFingerprint(declared));
  } finally {
    migrated.close();
    declared.close();
  }
}
