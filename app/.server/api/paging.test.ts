import { describe, expect, it } from "vitest";
import { z } from "zod";
import { encodeCursor, pageOf, PageQuery } from "./paging";

const Query = z.object(PageQuery);

describe("API paging", () => {
  it("reads back the cursor it gave out, and refuses anything else", () => {
    const at = new Date("2026-11-24T10:00:00.123Z");
    expect(Query.parse({ cursor: encodeCursor({ at, id: "abc" }) })).toEqual({ limit: 50, cursor: { at, id: "abc" } });
    for (const cursor of ["", "nonsense", Buffer.from('["yesterday","abc"]').toString("base64url"), Buffer.from('{"id":1}').toString("base64url")]) {
      expect(Query.safeParse({ cursor }).success, cursor).toBe(false);
    }
  });

  it("takes limits from 1 to 200, 50 by default", () => {
    expect(Query.parse({}).limit).toBe(50);
    expect(Query.parse({ limit: "200" }).limit).toBe(200);
    for (const limit of ["0", "201", "1.5", "ten"]) expect(Query.safeParse({ limit }).success, limit).toBe(false);
  });

  it("gives a next cursor only when a row beyond the page was found", () => {
    const rows = [1, 2, 3].map((n) => ({ id: `r${n}`, at: new Date(Date.UTC(2026, 0, n)) }));
    const full = pageOf(rows, 2, (r) => r.at);
    expect(full.data.map((r) => r.id)).toEqual(["r1", "r2"]);
    expect(Query.parse({ cursor: full.nextCursor! }).cursor).toEqual({ at: rows[1]!.at, id: "r2" });
    expect(pageOf(rows, 3, (r) => r.at).nextCursor).toBeNull();
  });
});
