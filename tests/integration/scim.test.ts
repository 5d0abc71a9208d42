import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/.server/db";
import { createTestPerson, signedInCookie } from "../factories";
import { BATON, ENTERPRISE, createScimToken, scim } from "./helpers/scim";

let token: string;
let tokenRow: { id: string; name: string };

beforeAll(async () => {
  const created = await createScimToken("SCIM", "Directory sync");
  token = created.token;
  tokenRow = created;
});

const newUser = (email: string, extra: Record<string, unknown> = {}) => ({
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
  userName: email,
  name: { givenName: "Ada", familyName: "Lovelace" },
  emails: [{ value: email, type: "work", primary: true }],
  active: true,
  ...extra,
});

async function curriculumForDepartment(department: string) {
  const curriculum = await prisma.curriculum.create({ data: { name: `${department} onboarding` } });
  await prisma.assignmentRule.create({ data: { curriculumId: curriculum.id, kind: "DEPARTMENT", value: department } });
  return curriculum;
}

const openAssignments = (personId: string) => prisma.assignment.findMany({ where: { personId, unassignedAt: null }, select: { curriculumId: true } });

describe("SCIM authentication", () => {
  it("answers 401 with a SCIM error without a token, with an unknown one, and with an expired one", async () => {
    const expired = await createScimToken("SCIM", "Old", new Date(Date.now() - 1000));
    for (const t of [null, "baton_nonsense", expired.token]) {
      const res = await scim("/scim/v2/Users", { token: t });
      expect(res.status).toBe(401);
      expect(res.headers.get("Content-Type")).toMatch(/^application\/scim\+json/);
      expect(res.body).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "401" });
      expect(res.body.detail).toBeTruthy();
    }
  });

  it("answers 403 to a JSON API token and changes nothing", async () => {
    const read = await createScimToken("READ_WRITE", "API");
    const res = await scim("/scim/v2/Users", { method: "POST", token: read.token, body: newUser("forbidden@corp.test") });
    expect(res.status).toBe(403);
    expect(res.body.status).toBe("403");
    expect(await prisma.person.count({ where: { email: "forbidden@corp.test" } })).toBe(0);
  });
});

describe("SCIM discovery", () => {
  it("describes the service, its schemas and resource types", async () => {
    const config = await scim("/scim/v2/ServiceProviderConfig", { token });
    expect(config.status).toBe(200);
    expect(config.body).toMatchObject({ patch: { supported: true }, bulk: { supported: false }, filter: { supported: true, maxResults: 200 } });
    expect(config.body.authenticationSchemes[0].type).toBe("oauthbearertoken");

    const schemas = await scim("/scim/v2/Schemas", { token });
    expect(schemas.body.schemas).toEqual(["urn:ietf:params:scim:api:messages:2.0:ListResponse"]);
    expect(schemas.body.Resources.map((s: { id: string }) => s.id)).toEqual(["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE, BATON]);

    const baton = await scim(`/scim/v2/Schemas/${BATON}`, { token });
    expect(baton.status).toBe(200);
    expect(baton.body.attributes.find((a: { name: string }) => a.name === "role")).toMatchObject({ mutability: "readOnly" });
    expect((await scim("/scim/v2/Schemas/urn:nope", { token })).status).toBe(404);

    const types = await scim("/scim/v2/ResourceTypes", { token });
    expect(types.body.Resources).toHaveLength(1);
    const userType = await scim("/scim/v2/ResourceTypes/User", { token });
    expect(userType.body).toMatchObject({ endpoint: "/Users", schema: "urn:ietf:params:scim:schemas:core:2.0:User" });
    expect(userType.body.schemaExtensions).toEqual([
      { schema: ENTERPRISE, required: false },
      { schema: BATON, required: false },
    ]);
  });

  it("answers Groups and unknown paths with a SCIM 404", async () => {
    for (const path of ["/scim/v2/Groups", "/scim/v2/Bulk", "/scim/v2/Users/x/y"]) {
      const res = await scim(path, { token });
      expect(res.status).toBe(404);
      expect(res.headers.get("Content-Type")).toMatch(/^application\/scim\+json/);
      expect(res.body.schemas).toEqual(["urn:ietf:params:scim:api:messages:2.0:Error"]);
    }
  });
});

describe("SCIM users", () => {
  it("creates a person with every mapped field, gives them their department's curricula and audits the token", async () => {
    const curriculum = await curriculumForDepartment("Field Service");
    const manager = await createTestPerson({ role: "MANAGER" });
    await prisma.person.update({ where: { id: manager.id }, data: { employeeId: "E-MGR-1" } });
    const res = await scim("/scim/v2/Users", {
      method: "POST",
      token,
      body: newUser("Ada.Lovelace@Corp.test", {
        externalId: "E-100",
        title: "Technician",
        [ENTERPRISE]: { department: "Field Service", manager: { value: "E-MGR-1" } },
        [BATON]: { startDate: "2026-12-01", role: "HR" },
        password: "ignored-secret",
      }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("Content-Type")).toMatch(/^application\/scim\+json/);
    expect(res.headers.get("Location")).toBe(`http://localhost:3000/scim/v2/Users/${res.body.id}`);
    expect(res.body).toMatchObject({
      userName: "ada.lovelace@corp.test",
      externalId: "E-100",
      active: true,
      title: "Technician",
      name: { formatted: "Ada Lovelace", givenName: "Ada", familyName: "Lovelace" },
      emails: [{ value: "ada.lovelace@corp.test", primary: true }],
      [ENTERPRISE]: { department: "Field Service", employeeNumber: "E-100", manager: { value: manager.id } },
      [BATON]: { startDate: "2026-12-01", role: "LEARNER" },
      meta: { resourceType: "User", location: `http://localhost:3000/scim/v2/Users/${res.body.id}` },
    });
    expect(res.body.meta.version).toMatch(/^W\/"\d+"$/);
    expect(res.body.password).toBeUndefined();

    const person = await prisma.person.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(person).toMatchObject({
      email: "ada.lovelace@corp.test",
      name: "Ada Lovelace",
      employeeId: "E-100",
      role: "LEARNER",
      managerId: manager.id,
      passwordHash: null,
    });
    expect(await openAssignments(person.id)).toEqual([{ curriculumId: curriculum.id }]);
    expect(await prisma.readinessSummary.count({ where: { personId: person.id } })).toBe(1);

    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "person.created", subjectId: person.id } });
    expect(audit.actorId).toBeNull();
    expect(JSON.parse(audit.details!)).toMatchObject({ token: tokenRow.name, tokenId: tokenRow.id });
  });

  it("refuses a taken userName or externalId with 409 uniqueness, and a userName that is not an e-mail with 400", async () => {
    await scim("/scim/v2/Users", { method: "POST", token, body: newUser("taken@corp.test", { externalId: "E-TAKEN" }) });
    const sameEmail = await scim("/scim/v2/Users", { method: "POST", token, body: newUser("TAKEN@corp.test") });
    expect(sameEmail.status).toBe(409);
    expect(sameEmail.body).toMatchObject({ status: "409", scimType: "uniqueness" });
    const sameExternal = await scim("/scim/v2/Users", { method: "POST", token, body: newUser("other@corp.test", { externalId: "E-TAKEN" }) });
    expect(sameExternal.status).toBe(409);
    expect(sameExternal.body.scimType).toBe("uniqueness");
    const notEmail = await scim("/scim/v2/Users", { method: "POST", token, body: newUser("jdoe") });
    expect(notEmail.status).toBe(400);
    expect(notEmail.body.scimType).toBe("invalidValue");
    const missing = await scim("/scim/v2/Users", { method: "POST", token, body: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"] } });
    expect(missing.status).toBe(400);
    expect(await prisma.person.count({ where: { email: { in: ["other@corp.test", "jdoe"] } } })).toBe(0);
  });

  it("filters by userName and externalId (with and / or) and refuses other filters with invalidFilter", async () => {
    const a = await scim("/scim/v2/Users", { method: "POST", token, body: newUser("filter.a@corp.test", { externalId: "F-A" }) });
    const b = await scim("/scim/v2/Users", { method: "POST", token, body: newUser("filter.b@corp.test", { externalId: "F-B" }) });
    const ids = (res: { body: { Resources: { id: string }[] } }) => res.body.Resources.map((r) => r.id).sort();

    const byName = await scim('/scim/v2/Users?filter=userName eq "FILTER.A@corp.test"', { token });
    expect(byName.body).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    expect(ids(byName)).toEqual([a.body.id]);
    expect(ids(await scim('/scim/v2/Users?filter=externalId eq "F-B"', { token }))).toEqual([b.body.id]);
    expect(ids(await scim('/scim/v2/Users?filter=externalId eq "f-b"', { token }))).toEqual([]);
    expect(ids(await scim('/scim/v2/Users?filter=userName eq "filter.a@corp.test" or externalId eq "F-B"', { token }))).toEqual([a.body.id, b.body.id].sort());
    expect(ids(await scim('/scim/v2/Users?filter=userName eq "filter.a@corp.test" and externalId eq "F-B"', { token }))).toEqual([]);
    expect(ids(await scim('/scim/v2/Users?filter=userName eq "filter.a@corp.test" and externalId eq "F-A"', { token }))).toEqual([a.body.id]);

    for (const filter of ['displayName eq "x"', 'userName sw "filter"', 'userName eq "a" or', "userName eq", '(userName eq "a"', "not a filter at all"]) {
      const res = await scim(`/scim/v2/Users?filter=${encodeURIComponent(filter)}`, { token });
      expect(res.status, filter).toBe(400);
      expect(res.body, filter).toMatchObject({ status: "400", scimType: "invalidFilter" });
    }
  });

  it("pages in a stable order with startIndex and count", async () => {
    const all = await scim("/scim/v2/Users?count=200", { token });
    const total = all.body.totalResults as number;
    expect(all.body.Resources).toHaveLength(total);
    const page = await scim("/scim/v2/Users?startIndex=2&count=2", { token });
    expect(page.body).toMatchObject({ totalResults: total, startIndex: 2, itemsPerPage: 2 });
    expect(page.body.Resources.map((r: { id: string }) => r.id)).toEqual(all.body.Resources.slice(1, 3).map((r: { id: string }) => r.id));
    const beyond = await scim(`/scim/v2/Users?startIndex=${total + 1}&count=10`, { token });
    expect(beyond.body).toMatchObject({ totalResults: total, itemsPerPage: 0, Resources: [] });
    const countOnly = await scim("/scim/v2/Users?count=0", { token });
    expect(countOnly.body).toMatchObject({ totalResults: total, Resources: [] });
  });

  it("replaces with PUT and patches with add, replace and remove, with and without a path", async () => {
    const sales = await curriculumForDepartment("Sales");
    const created = await scim("/scim/v2/Users", {
      method: "POST",
      token,
      body: newUser("grace@corp.test", { externalId: "G-1", [ENTERPRISE]: { department: "Support Desk" } }),
    });
    const id = created.body.id as string;
    expect(await openAssignments(id)).toEqual([]);

    const put = await scim(`/scim/v2/Users/${id}`, {
      method: "PUT",
      token,
      body: newUser("grace@corp.test", { id, externalId: "G-1", name: { givenName: "Grace", familyName: "Hopper" }, [ENTERPRISE]: { department: "Sales" } }),
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ displayName: "Grace Hopper", [ENTERPRISE]: { department: "Sales" } });
    expect(put.body.meta.version).not.toBe(created.body.meta.version);
    expect(await openAssignments(id)).toEqual([{ curriculumId: sales.id }]);

    const patched = await scim(`/scim/v2/Users/${id}`, {
      method: "PATCH",
      token,
      body: {
        schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        Operations: [
          { op: "REPLACE", path: "name.familyName", value: "Hopper-Murray" },
          { op: "add", path: "title", value: "Rear Admiral" },
          { op: "Add", value: { [`${BATON}:startDate`]: "2027-01-04" } },
          { op: "remove", path: `${ENTERPRISE}:department` },
        ],
      },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ displayName: "Grace Hopper-Murray", title: "Rear Admiral", [BATON]: { startDate: "2027-01-04" } });
    expect(patched.body[ENTERPRISE].department).toBeUndefined();
    // Leaving Sales closes its rule assignment; the history stays.
    expect(await openAssignments(id)).toEqual([]);
    expect(await prisma.assignment.count({ where: { personId: id, curriculumId: sales.id } })).toBe(1);

    const role = await scim(`/scim/v2/Users/${id}`, {
      method: "PATCH",
      token,
      body: { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", path: `${BATON}:role`, value: "HR" }] },
    });
    expect(role.status).toBe(400);
    expect(role.body.scimType).toBe("mutability");
    const badPath = await scim(`/scim/v2/Users/${id}`, {
      method: "PATCH",
      token,
      body: { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", path: "shoeSize", value: 9 }] },
    });
    expect(badPath.status).toBe(400);
    expect(badPath.body.scimType).toBe("invalidPath");
    const badOp = await scim(`/scim/v2/Users/${id}`, {
      method: "PATCH",
      token,
      body: { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "move", path: "title" }] },
    });
    expect(badOp.status).toBe(400);
    expect((await prisma.person.findUniqueOrThrow({ where: { id } })).role).toBe("LEARNER");
    expect((await scim("/scim/v2/Users/no-such-id", { token })).status).toBe(404);
    expect((await scim("/scim/v2/Users/no-such-id", { method: "PUT", token, body: newUser("x@corp.test") })).status).toBe(404);
  });

  it("deactivates on DELETE and on active false, ending sessions; still returns the person; reactivates with their curricula", async () => {
    const ops = await curriculumForDepartment("Operations");
    const created = await scim("/scim/v2/Users", { method: "POST", token, body: newUser("leaver@corp.test", { [ENTERPRISE]: { department: "Operations" } }) });
    const id = created.body.id as string;
    await signedInCookie(id);
    expect(await prisma.session.count({ where: { personId: id } })).toBe(1);

    const deleted = await scim(`/scim/v2/Users/${id}`, { method: "DELETE", token });
    expect(deleted.status).toBe(204);
    const after = await scim(`/scim/v2/Users/${id}`, { token });
    expect(after.status).toBe(200);
    expect(after.body.active).toBe(false);
    expect(await prisma.session.count({ where: { personId: id } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { action: "person.deactivated", subjectId: id } })).toBe(1);
    // A second DELETE changes nothing and still succeeds (the IdP may retry).
    expect((await scim(`/scim/v2/Users/${id}`, { method: "DELETE", token })).status).toBe(204);
    expect(await prisma.auditEvent.count({ where: { action: "person.deactivated", subjectId: id } })).toBe(1);

    const back = await scim(`/scim/v2/Users/${id}`, {
      method: "PATCH",
      token,
      body: { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", path: "active", value: true }] },
    });
    expect(back.body.active).toBe(true);
    expect(await openAssignments(id)).toEqual([{ curriculumId: ops.id }]);
    expect(await prisma.auditEvent.count({ where: { action: "person.reactivated", subjectId: id } })).toBe(1);
    expect((await scim("/scim/v2/Users/missing", { method: "DELETE", token })).status).toBe(404);
  });

  it("never deactivates the last active HR person", async () => {
    await prisma.person.updateMany({ where: { role: "HR" }, data: { deactivatedAt: new Date() } });
    const hr = await createTestPerson({ role: "HR" });
    const res = await scim(`/scim/v2/Users/${hr.id}`, {
      method: "PATCH",
      token,
      body: { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", value: { active: false } }] },
    });
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/last active HR/);
    expect((await scim(`/scim/v2/Users/${hr.id}`, { method: "DELETE", token })).status).toBe(409);
    expect((await prisma.person.findUniqueOrThrow({ where: { id: hr.id } })).deactivatedAt).toBeNull();
  });

  it("answers bad bodies with SCIM errors: invalid JSON, another media type, too large", async () => {
    const invalid = await scim("/scim/v2/Users", { method: "POST", token, rawBody: "{ not json" });
    expect(invalid.status).toBe(400);
    expect(invalid.body.scimType).toBe("invalidSyntax");
    const form = await scim("/scim/v2/Users", { method: "POST", token, rawBody: "userName=x", contentType: "application/x-www-form-urlencoded" });
    expect(form.status).toBe(415);
    expect(form.body.status).toBe("415");
    const plainJson = await scim("/scim/v2/Users", { method: "POST", token, body: newUser("json@corp.test"), contentType: "application/json" });
    expect(plainJson.status).toBe(201);
    const huge = await scim("/scim/v2/Users", { method: "POST", token, body: newUser("huge@corp.test", { nickName: "x".repeat(70_000) }) });
    expect(huge.status).toBe(413);
    expect(huge.headers.get("Content-Type")).toMatch(/^application\/scim\+json/);
    expect(await prisma.person.count({ where: { email: "huge@corp.test" } })).toBe(0);
    const wrongMethod = await scim("/scim/v2/ServiceProviderConfig", { method: "POST", token, body: {} });
    expect(wrongMethod.status).toBe(405);
  });
});
