import Database from "better-sqlite3";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { migrationNames, schemaDiffSql, SQLITE_MIGRATIONS, SQLITE_SCHEMA } from "./schema-twin.mjs";
import { migrationsAgainstSchema } from "./sqlite-fingerprint";

const open = () => new Database(":memory:");
const migrations = () => migrationNames(SQLITE_MIGRATIONS).map((name: string) => readFileSync(join(SQLITE_MIGRATIONS, name, "migration.sql"), "utf8"));

/** prisma/schema.prisma with one edit, as someone might commit it without writing the migration. */
function editedSchema(edit: (schema: string) => string): string {
  const file = join(mkdtempSync(join(tmpdir(), "baton-drift-")), "schema.prisma");
  writeFileSync(file, edit(readFileSync(SQLITE_SCHEMA, "utf8")));
  return file;
}

describe("the committed SQLite migrations against prisma/schema.prisma", () => {
  it("match today", () => {
    expect(migrationsAgainstSchema(open, migrations(), schemaDiffSql(null, SQLITE_SCHEMA))).toEqual([]);
  });

  it("catch a column added to the schema without a migration", () => {
    const schema = editedSchema((s) => s.replace("model OrgSettings {", "model OrgSettings {\n  footerText String?"));
    expect(migrationsAgainstSchema(open, migrations(), schemaDiffSql(null, schema))).toEqual(["table OrgSettings: its columns differ"]);
  });

  it("catch a new table and a new index without a migration", () => {
    const schema = editedSchema((s) =>
      s
        .replace("model OrgSettings {", "model Kudos {\n  id Int @id\n}\n\nmodel OrgSettings {")
        .replace(/(model BrandLogo \{[^}]*)\}/, "$1  @@index([mimeType])\n}"),
    );
    expect(migrationsAgainstSchema(open, migrations(), schemaDiffSql(null, schema))).toEqual([
      "table BrandLogo: its indexes differ",
      "table Kudos is in the schema but no migration creates it",
    ]);
  });
});
