/**
 * The building blocks of the data export: a file is a table of column definitions (name, description, value)
 * and a way to read its rows a page at a time. The same definitions write the CSV header, every row and the
 * README, so the description of a column cannot drift from what is in it.
 */
import { chunks } from "../chunks";
import { csvHeader, csvRows } from "../csv";
import { prisma } from "../db";
import { yieldToOthers } from "../pace";

/** Rows read per query: the export never holds more than a page of any table in memory. */
const EXPORT_PAGE_SIZE = 1000;

type Cell = string | number | boolean | null;
/** People's e-mail addresses by id, for the rows of one page. */
type Emails = ReadonlyMap<string, string>;

export type Column<Row> = {
  name: string;
  description: string;
  value: (row: Row, emails: Emails) => Cell;
  /** Set on a column that shows a person's e-mail: the id whose e-mail it shows. */
  personId?: (row: Row) => string | null;
};

/** What the README and the zip need of a file, whatever its row type. */
export type ExportFile = {
  /** The file's name in the zip, e.g. "people.csv". */
  name: string;
  description: string;
  columns: readonly { name: string; description: string }[];
  count: () => Promise<number>;
  /** The CSV text: the header, then the rows a page at a time. `onRows` hears how many rows each page wrote. */
  csv: (onRows: (n: number) => void) => AsyncGenerator<string>;
};

/** A moment as ISO 8601 in UTC ("2026-11-24T09:30:00.000Z"); empty when there is none. */
export const iso = (at: Date | null | undefined) => (at ? at.toISOString() : null);
/** A calendar day stored as midnight UTC (a start date, a due day) as ISO 8601 "2026-11-24". */
export const day = (at: Date | null | undefined) => (at ? at.toISOString().slice(0, 10) : null);

/** Two columns for a person a row names: `<prefix>_id` and `<prefix>_email` (their address now, deactivated or not). */
export function personColumns<Row>(prefix: string, who: string, id: (row: Row) => string | null): Column<Row>[] {
  return [
    { name: `${prefix}_id`, description: `${who}: their id (the id column of people.csv).`, value: id },
    {
      name: `${prefix}_email`,
      description: `${who}: their e-mail address today (empty when the person no longer exists).`,
      value: (row, emails) => {
        const personId = id(row);
        return personId ? (emails.get(personId) ?? null) : null;
      },
      personId: id,
    },
  ];
}

/** The e-mail addresses of the people a page names, in queries of at most 500 ids (SQLite's bound-value limit). */
async function emailsOf<Row>(rows: Row[], columns: readonly Column<Row>[]): Promise<Emails> {
  const ids = new Set<string>();
  for (const column of columns) {
    if (!column.personId) continue;
    for (const row of rows) {
      const id = column.personId(row);
      if (id) ids.add(id);
    }
  }
  const emails = new Map<string, string>();
  for (const part of chunks([...ids], 500)) {
    const people = await prisma.person.findMany({ where: { id: { in: part } }, select: { id: true, email: true } });
    for (const p of people) emails.set(p.id, p.email);
  }
  return emails;
}

type FileSpec<Row> = {
  name: string;
  description: string;
  columns: Column<Row>[];
  count: () => Promise<number>;
  /** The next page after `after` (undefined: the first), in a stable order; fewer than the page size ends the file. */
  page: (after: Row | undefined, take: number) => Promise<Row[]>;
};

/** A file of the export from its column definitions and its paged reader. */
export function exportFile<Row>(spec: FileSpec<Row>, pageSize = EXPORT_PAGE_SIZE): ExportFile {
  const names = spec.columns.map((c) => c.name);
  if (new Set(names).size !== names.length) throw new Error(`${spec.name}: two columns share a name`);
  return {
    name: spec.name,
    description: spec.description,
    columns: spec.columns.map(({ name, description }) => ({ name, description })),
    count: spec.count,
    async *csv(onRows) {
      // A BOM, as in Baton's other CSV downloads, so spreadsheets read names in UTF-8.
      yield "\uFEFF" + csvHeader(names);
      let after: Row | undefined;
      for (;;) {
        const rows = await spec.page(after, pageSize);
        if (rows.length > 0) {
          const emails = await emailsOf(rows, spec.columns);
          yield csvRows(rows.map((row) => spec.columns.map((c) => c.value(row, emails))));
          onRows(rows.length);
        }
        if (rows.length < pageSize) return;
        after = rows[rows.length - 1];
        await yieldToOthers();
      }
    },
  };
}
