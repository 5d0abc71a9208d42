// How db:copy writes rows (docs/decisions/018): SQLite values as lines of PostgreSQL's COPY text format, exactly as
// COPY … TO writes them back, and an order-independent checksum over those lines.

/** A problem the user can fix: printed as its one line, without a stack. */
export class CopyError extends Error {}

export type Kind = "text" | "integer" | "boolean" | "timestamp" | "bytes";
export type Column = { name: string; type: string; kind: Kind };
export type Table = { name: string; columns: Column[] };

export const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function kindOf(type: string, isEnum: boolean, where: string): Kind {
  if (isEnum || type === "text" || type.startsWith("character varying")) return "text";
  if (type === "integer" || type === "smallint") return "integer";
  if (type === "boolean") return "boolean";
  if (/^timestamp(\(\d\))? without time zone$/.test(type)) return "timestamp";
  if (type === "bytea") return "bytes";
  throw new CopyError(`${where} has the type ${type}, which db:copy does not know how to copy yet.`);
}

/** An ISO date ('2026-11-24T05:41:50.430…') as COPY writes a timestamp with DateStyle ISO: '2026-11-24 05:41:50.43'. */
function isoToPostgres(iso: string) {
  // The fraction loses its trailing zeros, and its point when nothing is left (character 19 is the point).
  let end = 23;
  while (end > 20 && iso.charCodeAt(end - 1) === 48) end--;
  return `${iso.slice(0, 10)} ${iso.slice(11, end === 20 ? 19 : end)}`;
}

/** A date as SQLite holds it, in UTC as COPY writes it (null when it is not a date). */
function timestampText(value: unknown): string | null {
  // Prisma writes '2026-11-24T05:41:50.427+00:00' (the fast path: millions of these in a big copy).
  if (typeof value === "string" && value.length === 29 && value[10] === "T" && value.endsWith("+00:00")) return isoToPostgres(value);
  // Raw SQL's CURRENT_TIMESTAMP writes '2026-11-24 05:41:50', in UTC without saying so.
  const text = typeof value === "string" && !/(Z|[+-]\d\d:?\d\d)$/i.test(value) ? `${value.replace(" ", "T")}Z` : value;
  const date = typeof text === "string" || typeof text === "number" ? new Date(text) : null;
  return date && !Number.isNaN(date.getTime()) ? isoToPostgres(date.toISOString()) : null;
}

/** COPY's text format escapes backslashes and the control characters \b \t \n \v \f \r (others pass as they are). */
const NEEDS_ESCAPE = /[\\\b\t\n\v\f\r]/;
const ESCAPES = /[\\\b\t\n\v\f\r]/g;
const ESCAPED: Record<string, string> = { "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f", "\r": "\\r" };

/** Each kind's values (stored by Prisma's conventions) in COPY's text format; null for a value the kind cannot hold. */
const RENDER: Record<Kind, (value: unknown) => string | null> = {
  text: (v) => (typeof v === "string" ? (NEEDS_ESCAPE.test(v) ? v.replace(ESCAPES, (c) => ESCAPED[c] ?? c) : v) : typeof v === "number" ? String(v) : null),
  integer: (v) => (Number.isSafeInteger(v) ? String(v) : null),
  boolean: (v) => (v === 1 ? "t" : v === 0 ? "f" : null),
  timestamp: timestampText,
  // A BLOB (a logo) as COPY writes bytea: hex after "\x", whose backslash COPY's text format doubles.
  bytes: (v) => (Buffer.isBuffer(v) ? `\\\\x${v.toString("hex")}` : null),
};

/**
 * A table's rows from SQLite as lines of COPY's text format, exactly as PostgreSQL's COPY … TO writes them once
 * copied: the same line goes into COPY … FROM and into the checksums on both sides.
 */
export function rowRenderer(table: Table) {
  const renders = table.columns.map((column) => (value: unknown) => {
    const text = value === null ? "\\N" : RENDER[column.kind](value);
    if (text === null) throw new CopyError(`${table.name}.${column.name} holds ${JSON.stringify(value)}, which is not a valid ${column.kind} value.`);
    return text;
  });
  return (values: unknown[]) => {
    let line = "";
    for (let i = 0; i < renders.length; i++) line += (i === 0 ? "" : "\t") + renders[i]!(values[i]);
    return line;
  };
}

/**
 * An order-independent checksum of a table's rows: the sums (mod 2³²) of two 32-bit hashes of each row's text
 * (cyrb53's mixing). Rows are a set, and summing lets each side read them in its natural order, with no sort.
 */
export function rowChecksum() {
  let a = 0;
  let b = 0;
  let rows = 0;
  return {
    add(text: string) {
      let h1 = 0xdeadbeef;
      let h2 = 0x41c6ce57;
      for (let i = 0; i < text.length; i++) {
        const ch = text.charCodeAt(i);
        h1 = Math.imul(h1 ^ ch, 2654435761);
        h2 = Math.imul(h2 ^ ch, 1597334677);
      }
      h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
      h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
      a = (a + (h1 >>> 0)) >>> 0;
      b = (b + (h2 >>> 0)) >>> 0;
      rows += 1;
    },
    result: () => ({ rows, sum: `${a.toString(16)}:${b.toString(16)}` }),
  };
}
export type Checked = ReturnType<ReturnType<typeof rowChecksum>["result"]>;
