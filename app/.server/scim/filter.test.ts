import { describe, expect, it } from "vitest";
import { parseUserFilter } from "./filter";

describe("parseUserFilter", () => {
  it("turns userName (lower-cased) and externalId (exact) equality into person conditions", () => {
    expect(parseUserFilter('userName eq "Ada@Corp.TEST"')).toEqual({ kind: "ok", where: { AND: [{ email: "ada@corp.test" }] } });
    expect(parseUserFilter('externalId eq "E-1"')).toEqual({ kind: "ok", where: { AND: [{ employeeId: "E-1" }] } });
    expect(parseUserFilter('USERNAME EQ "x@y.z"')).toEqual({ kind: "ok", where: { AND: [{ email: "x@y.z" }] } });
  });

  it("keeps and / or", () => {
    expect(parseUserFilter('userName eq "a@b.c" and externalId eq "E"')).toEqual({ kind: "ok", where: { AND: [{ email: "a@b.c" }, { employeeId: "E" }] } });
    expect(parseUserFilter('userName eq "a@b.c" or externalId eq "E"')).toEqual({
      kind: "ok",
      where: { OR: [{ AND: [{ email: "a@b.c" }] }, { AND: [{ employeeId: "E" }] }] },
    });
    expect(parseUserFilter('userName eq "a@b.c" and userName eq "d@e.f"')).toEqual({ kind: "ok", where: { AND: [{ email: "a@b.c" }, { email: "d@e.f" }] } });
  });

  it.each([
    'displayName eq "Ada"',
    'userName co "ada"',
    'userName eq "a" or',
    "userName eq 5",
    'not (userName eq "a")',
    'emails[type eq "work"]',
    "userName",
    '"just a string"',
  ])("refuses %s", (filter) => {
    expect(parseUserFilter(filter).kind).toBe("invalid");
  });
});
