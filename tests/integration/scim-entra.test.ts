/**
 * Replays the requests the Microsoft Entra provisioning service sends, with the shapes Microsoft documents:
 * - https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups
 *   ("Tutorial: Develop and plan provisioning for a SCIM endpoint": Create User, Get User by query, Update User
 *   [multi-valued / single-valued properties], Disable User, Delete User)
 * - https://learn.microsoft.com/en-us/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility
 *   (PATCH ops in PascalCase, "active": "False" as a string, the enterprise manager sent as a bare id)
 * Entra's examples use a GUID-like userName; Baton needs userName to be the e-mail, which is what Entra's default
 * mapping (userPrincipalName → userName) sends, so the values here are UPNs.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/.server/db";
import { createTestPerson } from "../factories";
import { ENTERPRISE, createScimToken, scim } from "./helpers/scim";

const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
let token: string;
let hrCurriculum: string;
let salesCurriculum: string;

beforeAll(async () => {
  token = (await createScimToken("SCIM", "Entra ID")).token;
  const hr = await prisma.curriculum.create({ data: { name: "HR essentials" } });
  await prisma.assignmentRule.create({ data: { curriculumId: hr.id, kind: "DEPARTMENT", value: "Human Resources US" } });
  const sales = await prisma.curriculum.create({ data: { name: "Sales onboarding" } });
  await prisma.assignmentRule.create({ data: { curriculumId: sales.id, kind: "DEPARTMENT", value: "Sales" } });
  [hrCurriculum, salesCurriculum] = [hr.id, sales.id];
});

const patch = (id: string, Operations: unknown[]) => scim(`/scim/v2/Users/${id}`, { method: "PATCH", token, body: { schemas: [PATCH_OP], Operations } });
const openCurricula = async (personId: string) =>
  (await prisma.assignment.findMany({ where: { personId, unassignedAt: null }, select: { curriculumId: true } })).map((a) => a.curriculumId);

describe("Microsoft Entra's provisioning sequence", () => {
  it("queries, creates, updates, disables, re-enables and deletes a user", async () => {
    // Test connection and matching: Get User by query, zero results.
    const none = await scim('/scim/v2/Users?filter=userName eq "Test_User_dfeef4c5-5681-4387-b016-bdf221e82081"', { token });
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], totalResults: 0, Resources: [], startIndex: 1 });
    const matching = await scim('/scim/v2/Users?filter=userName eq "ellen.reckert@contoso.test"', { token });
    expect(matching.body.totalResults).toBe(0);

    // Create User, with externalId (Entra's objectId) and the enterprise extension.
    const manager = await createTestPerson({ role: "MANAGER", email: "manager@contoso.test" });
    const created = await scim("/scim/v2/Users", {
      method: "POST",
      token,
      body: {
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
        externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
        userName: "Ellen.Reckert@contoso.test",
        active: true,
        emails: [{ primary: true, type: "work", value: "Ellen.Reckert@contoso.test" }],
        meta: { resourceType: "User" },
        name: { formatted: "Ellen Reckert", familyName: "Reckert", givenName: "Ellen" },
        roles: [],
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { department: "Human Resources US", employeeNumber: "100009" },
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    // externalId is the HR id when both come: employeeNumber is shown as the same value.
    expect(created.body).toMatchObject({ userName: "ellen.reckert@contoso.test", externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef", active: true });
    expect(await openCurricula(id)).toEqual([hrCurriculum]);

    // Get User by query on externalId (Entra's matching attribute).
    const byExternal = await scim('/scim/v2/Users?filter=externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"', { token });
    expect(byExternal.body.totalResults).toBe(1);
    expect(byExternal.body.Resources[0].id).toBe(id);

    // Update User [multi-valued properties]: the work e-mail and the family name, "Replace" capitalised.
    const multi = await patch(id, [
      { op: "Replace", path: 'emails[type eq "work"].value', value: "ellen.reckert-ng@contoso.test" },
      { op: "Replace", path: "name.familyName", value: "Reckert-Ng" },
    ]);
    expect(multi.status).toBe(200);
    expect(await prisma.person.findUniqueOrThrow({ where: { id } })).toMatchObject({ email: "ellen.reckert-ng@contoso.test", name: "Ellen Reckert-Ng" });

    // Update User [single-valued properties]: userName, then displayName.
    const renamed = await patch(id, [{ op: "Replace", path: "userName", value: "ellen@contoso.test" }]);
    expect(renamed.body.userName).toBe("ellen@contoso.test");
    const display = await patch(id, [{ op: "Replace", path: "displayName", value: "Ellen R. Ng" }]);
    expect(display.body.displayName).toBe("Ellen R. Ng");
    expect((await prisma.person.findUniqueOrThrow({ where: { id } })).name).toBe("Ellen R. Ng");

    // Enterprise attributes: a new department moves curricula; the manager comes as a bare id with "Add".
    const moved = await patch(id, [
      { op: "Replace", path: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", value: "Sales" },
      { op: "Add", path: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", value: manager.id },
    ]);
    expect(moved.status).toBe(200);
    expect(moved.body[ENTERPRISE]).toMatchObject({ department: "Sales", manager: { value: manager.id } });
    expect(await prisma.person.findUniqueOrThrow({ where: { id } })).toMatchObject({ department: "Sales", managerId: manager.id });
    expect(await openCurricula(id)).toEqual([salesCurriculum]);

    // Disable User: Entra's "False" string, then "True" to re-enable.
    const disabled = await patch(id, [{ op: "Replace", path: "active", value: "False" }]);
    expect(disabled.status).toBe(200);
    expect(disabled.body.active).toBe(false);
    expect((await prisma.person.findUniqueOrThrow({ where: { id } })).deactivatedAt).not.toBeNull();
    const listedDisabled = await scim('/scim/v2/Users?filter=userName eq "ellen@contoso.test"', { token });
    expect(listedDisabled.body.Resources[0].active).toBe(false);
    const enabled = await patch(id, [{ op: "Replace", path: "active", value: "True" }]);
    expect(enabled.body.active).toBe(true);
    expect(await openCurricula(id)).toEqual([salesCurriculum]);

    // Remove the manager.
    const noManager = await patch(id, [{ op: "Remove", path: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager" }]);
    expect(noManager.body[ENTERPRISE].manager).toBeUndefined();
    expect((await prisma.person.findUniqueOrThrow({ where: { id } })).managerId).toBeNull();

    // Delete User: deactivation, history kept.
    const deleted = await scim(`/scim/v2/Users/${id}`, { method: "DELETE", token });
    expect(deleted.status).toBe(204);
    const after = await prisma.person.findUniqueOrThrow({ where: { id } });
    expect(after.deactivatedAt).not.toBeNull();
    expect(await prisma.assignment.count({ where: { personId: id } })).toBe(2);
    expect((await scim(`/scim/v2/Users/${id}`, { token })).body.active).toBe(false);
  });
});
