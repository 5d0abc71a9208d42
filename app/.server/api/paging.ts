/**
 * Keyset paging for the JSON API: every list is ordered by (a time column, id), and the cursor is the last row's
 * pair, opaque to clients. A page never repeats or skips a row that existed throughout, whatever is added or
 * removed between requests, and new rows (later times) land at the end, where a sync that follows cursors finds them.
 */
import { z } from "zod";

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

type Position = { at: Date; id: string };

const CursorSchema = z.tuple([z.string().datetime(), z.string().min(1).max(64)]);

export function encodeCursor(p: Position): string {
  return Buffer.from(JSON.stringify([p.at.toISOString(), p.id])).toString("base64url");
}

function decodeCursor(text: string): Position | null {
  try {
    const parsed = CursorSchema.safeParse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
    return parsed.success ? { at: new Date(parsed.data[0]), id: parsed.data[1] } : null;
  } catch {
    return null;
  }
}

/** `limit` and `cursor` as every list takes them; a cursor that is not one of ours is an error, not page one. */
export const PageQuery = {
  limit: z.coerce
    .number()
    .int("limit must be a whole number.")
    .min(1, "limit must be at least 1.")
    .max(MAX_PAGE_SIZE, `limit is at most ${MAX_PAGE_SIZE}.`)
    .default(DEFAULT_PAGE_SIZE),
  cursor: z
    .string()
    .max(200)
    .transform((text, ctx) => {
      const position = decodeCursor(text);
      if (!position) ctx.addIssue({ code: "custom", message: "cursor is not one this API gave out; start again without it." });
      return position ?? z.NEVER;
    })
    .optional(),
};

/** A true/false query parameter, spelled out. */
export const BooleanParam = z.enum(["true", "false"], { errorMap: () => ({ message: "use true or false." }) }).transform((v) => v === "true");

export type PageInput = { limit: number; cursor?: Position };

/** The rows after the cursor in (column, id) order, as a Prisma where clause. */
export function after<K extends string>(column: K, cursor: Position | undefined) {
  if (!cursor) return {};
  return { OR: [{ [column]: { gt: cursor.at } }, { [column]: cursor.at, id: { gt: cursor.id } }] } as {
    OR: ({ [P in K]: { gt: Date } } | ({ [P in K]: Date } & { id: { gt: string } }))[];
  };
}

/** One page from `limit + 1` rows fetched in order: the extra row only says whether another page follows. */
export function pageOf<T extends { id: string }>(rows: T[], limit: number, at: (row: T) => Date) {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return { data, nextCursor: rows.length > limit && last ? encodeCursor({ at: at(last), id: last.id }) : null };
}
