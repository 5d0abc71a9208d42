/**
 * Replays the request sequence Okta documents for a SCIM 2.0 app integration, with Okta's own request shapes:
 * https://developer.okta.com/docs/api/openapi/okta-scim/guides/scim-20 ("Okta and SCIM Version 2.0": create, retrieve,
 * update (PUT), deactivate and reactivate (PATCH with a path-less value), list with startIndex/count).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/.server/db";
import { signedInCookie } from "../factories";
import { ENTERPRISE, createScimToken, scim } from "./helpers/scim";

let token: string;
let curriculumId: string;

beforeAll(async () => {
  token = (await createScimToken("SCIM", "Okta")).token;
  // Okta pushes the department through the enterprise extension when the app's profile maps it.
  const curriculum = await prisma.curriculum.create({ data: { name: "Engineering onboarding" } });
  await prisma.assignmentRule.create({ data: { curriculumId: curriculum.id, kind: "DEPARTMENT", value: "Engineering" } });
  curriculumId = curriculum.id;
});

describe("Okta's provisioning sequence", () => {
  it("checks, creates, reads, updates, deactivates, reactivates and lists a user", async () => {
    // Test connection: Okta lists with a small page first.
    const probe = await scim("/scim/v2/Users?startIndex=1&count=2", { token });
    expect(probe.status).toBe(200);
    expect(probe.body.schemas).toEqual(["urn:ietf:params:scim:api:messages:2.0:ListResponse"]);

    // "Check whether the user exists": GET /scim/v2/Users?filter=userName eq "test.user@okta.local"&startIndex=1&count=100
    const exists = await scim('/scim/v2/Users?filter=userName eq "test.user@okta.local"&startIndex=1&count=100', { token });
    expect(exists.status).toBe(200);
    expect(exists.body).toEqual({
      schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });

    // "Create the user": Okta's body, with the password and empty groups Okta sends (both ignored by Baton).
    const created = await scim("/scim/v2/Users", {
      method: "POST",
      token,
      body: {
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
        userName: "test.user@okta.local",
        name: { givenName: "Test", familyName: "User" },
        emails: [{ primary: true, value: "test.user@okta.local", type: "work" }],
        displayName: "Test User",
        locale: "en-US",
        externalId: "00ujl29u0le5T6Aj10h7",
        groups: [],
        password: "1mz050nq",
        active: true,
        [ENTERPRISE]: { department: "Engineering" },
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({
      userName: "test.user@okta.local",
      externalId: "00ujl29u0le5T6Aj10h7",
      active: true,
      name: { givenName: "Test", familyName: "User" },
    });
    const person = await prisma.person.findUniqueOrThrow({ where: { id } });
    expect(person).toMatchObject({
      email: "test.user@okta.local",
      name: "Test User",
      department: "Engineering",
      employeeId: "00ujl29u0le5T6Aj10h7",
      deactivatedAt: null,
    });
    expect(await prisma.assignment.findMany({ where: { personId: id, unassignedAt: null }, select: { curriculumId: true } })).toEqual([{ curriculumId }]);

    // "Retrieve a specific user": GET /scim/v2/Users/{id}
    const read = await scim(`/scim/v2/Users/${id}`, { token });
    expect(read.status).toBe(200);
    expect(read.body.id).toBe(id);
    expect(read.body.schemas).toContain("urn:ietf:params:scim:schemas:core:2.0:User");

    // "Update a specific user (PUT)": the whole profile, here with a new given name.
    const updated = await scim(`/scim/v2/Users/${id}`, {
      method: "PUT",
      token,
      body: {
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
        id,
        userName: "test.user@okta.local",
        name: { givenName: "Another", familyName: "User" },
        emails: [{ primary: true, value: "test.user@okta.local", type: "work" }],
        displayName: "Another User",
        locale: "en-US",
        externalId: "00ujl29u0le5T6Aj10h7",
        groups: [],
        active: true,
        meta: { resourceType: "User" },
        [ENTERPRISE]: { department: "Engineering" },
      },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.name).toMatchObject({ givenName: "Another", familyName: "User" });
    expect((await prisma.person.findUniqueOrThrow({ where: { id } })).name).toBe("Another User");

    // "Update a specific user (PATCH)" — deactivation: a replace without a path.
    await signedInCookie(id);
    const deactivated = await scim(`/scim/v2/Users/${id}`, {
      method: "PATCH",
      token,
      body: { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", value: { active: false } }] },
    });
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.active).toBe(false);
    const gone = await prisma.person.findUniqueOrThrow({ where: { id }, select: { deactivatedAt: true, _count: { select: { sessions: true } } } });
    expect(gone.deactivatedAt).not.toBeNull();
    expect(gone._count.sessions).toBe(0);

    // Reactivation: the same shape with active true.
    const reactivated = await scim(`/scim/v2/Users/${id}`, {
      method: "PATCH",
      token,
      body: { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", value: { active: true } }] },
    });
    expect(reactivated.body.active).toBe(true);
    expect((await prisma.person.findUniqueOrThrow({ where: { id } })).deactivatedAt).toBeNull();
    expect(await prisma.assignment.count({ where: { personId: id, curriculumId, unassignedAt: null } })).toBe(1);

    // "Retrieve users" (import): pages of GET /scim/v2/Users?startIndex=…&count=…, until totalResults is reached.
    for (let i = 0; i < 4; i++) {
      await scim("/scim/v2/Users", {
        method: "POST",
        token,
        body: {
          schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
          userName: `import.${i}@okta.local`,
          name: { givenName: "Import", familyName: `No${i}` },
          active: true,
        },
      });
    }
    const seen: string[] = [];
    let total = Infinity;
    for (let startIndex = 1; startIndex <= total; startIndex += 2) {
      const page = await scim(`/scim/v2/Users?startIndex=${startIndex}&count=2`, { token });
      total = page.body.totalResults;
      expect(page.body.startIndex).toBe(startIndex);
      seen.push(...page.body.Resources.map((r: { id: string }) => r.id));
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen).toContain(id);
  });
});
