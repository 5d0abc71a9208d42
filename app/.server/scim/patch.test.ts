import { describe, expect, it } from "vitest";
import { toScimUser } from "./mapping";
import { applyPatch } from "./patch";
import { ENTERPRISE_SCHEMA } from "./schemas";

const user = toScimUser(
  {
    id: "p1",
    email: "ada@corp.test",
    name: "Ada Lovelace",
    role: "LEARNER",
    department: "Sales",
    jobTitle: null,
    startDate: null,
    employeeId: null,
    managerId: null,
    manager: null,
    deactivatedAt: null,
    createdAt: new Date("2026-01-01T00:00:00Z"),
    updatedAt: new Date("2026-01-02T00:00:00Z"),
  },
  "https://b/scim/v2",
);
const message = (...Operations: unknown[]) => ({ schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations });
const after = async (...ops: unknown[]) => {
  const outcome = await applyPatch(user, message(...ops));
  if (outcome.kind !== "ok") throw new Error(outcome.detail);
  return outcome.after as {
    active: boolean;
    displayName?: string;
    emails: { value: string }[];
    name: { familyName?: string };
    [ENTERPRISE_SCHEMA]: { department?: string; manager?: { value: string } };
  };
};

describe("applyPatch", () => {
  it("accepts ops in any case, Entra's boolean strings and Okta's path-less value", async () => {
    expect((await after({ op: "Replace", path: "active", value: "False" })).active).toBe(false);
    expect((await after({ op: "replace", value: { active: "false" } })).active).toBe(false);
    expect((await after({ op: "REPLACE", value: { active: false } })).active).toBe(false);
    expect((await after({ op: "Add", path: "displayName", value: "Countess" })).displayName).toBe("Countess");
  });

  it("resolves filtered and extension paths, and a manager given as a bare id", async () => {
    expect((await after({ op: "Replace", path: 'emails[type eq "work"].value', value: "new@corp.test" })).emails[0]?.value).toBe("new@corp.test");
    const patched = await after(
      { op: "Replace", path: `${ENTERPRISE_SCHEMA}:department`, value: "Ops" },
      { op: "Add", path: `${ENTERPRISE_SCHEMA}:manager`, value: "m-1" },
    );
    expect(patched[ENTERPRISE_SCHEMA]).toMatchObject({ department: "Ops", manager: { value: "m-1" } });
    expect((await after({ op: "remove", path: "name.familyName" })).name.familyName).toBeUndefined();
  });

  it("refuses unknown ops, unknown paths, read-only attributes and a missing PatchOp schema", async () => {
    expect(await applyPatch(user, message({ op: "move", path: "title" }))).toMatchObject({ kind: "invalid", scimType: "invalidSyntax" });
    expect(await applyPatch(user, message({ op: "replace", path: "nope", value: 1 }))).toMatchObject({ kind: "invalid", scimType: "invalidPath" });
    expect(await applyPatch(user, message({ op: "replace", path: "id", value: "x" }))).toMatchObject({ kind: "invalid", scimType: "mutability" });
    expect(await applyPatch(user, { Operations: [{ op: "replace", path: "title", value: "x" }] })).toMatchObject({
      kind: "invalid",
      scimType: "invalidSyntax",
    });
    expect(await applyPatch(user, message({ op: "replace", path: "active", value: "maybe" }))).toMatchObject({ kind: "invalid", scimType: "invalidValue" });
  });
});
