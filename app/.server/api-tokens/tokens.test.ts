import { describe, expect, it } from "vitest";
import { CreateTokenSchema } from "./tokens";

describe("the new-token form", () => {
  it("lasts 90 days unless told otherwise, 1 to 365", () => {
    expect(CreateTokenSchema.parse({ name: " Warehouse ", scope: "READ", expiresInDays: "" })).toEqual({ name: "Warehouse", scope: "READ", expiresInDays: 90 });
    expect(CreateTokenSchema.parse({ name: "x", scope: "SCIM", expiresInDays: "365" }).expiresInDays).toBe(365);
    for (const days of ["0", "366", "1.5", "soon"])
      expect(CreateTokenSchema.safeParse({ name: "x", scope: "READ", expiresInDays: days }).success, days).toBe(false);
  });

  it("needs a name and one of the three scopes", () => {
    const result = CreateTokenSchema.safeParse({ name: "  ", scope: "ADMIN" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0]).sort()).toEqual(["name", "scope"]);
  });
});
