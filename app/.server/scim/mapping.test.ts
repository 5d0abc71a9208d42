import { describe, expect, it } from "vitest";
import { fieldsFromScim, toScimUser } from "./mapping";
import { BATON_SCHEMA, ENTERPRISE_SCHEMA } from "./schemas";

const person = {
  id: "p1",
  email: "mary.ann@corp.test",
  name: "Mary Ann Smith",
  role: "LEARNER",
  department: "Sales",
  jobTitle: null,
  startDate: new Date("2026-03-02T00:00:00Z"),
  employeeId: "E-7",
  managerId: "m1",
  manager: { name: "Boss" },
  deactivatedAt: new Date("2026-05-01T00:00:00Z"),
  createdAt: new Date("2026-01-01T00:00:00Z"),
  updatedAt: new Date("2026-05-01T00:00:00Z"),
};

describe("toScimUser", () => {
  it("maps a person to the core, enterprise and Baton attributes", () => {
    const user = toScimUser(person, "https://baton.test/scim/v2");
    expect(user).toMatchObject({
      id: "p1",
      userName: "mary.ann@corp.test",
      externalId: "E-7",
      active: false,
      name: { formatted: "Mary Ann Smith", givenName: "Mary Ann", familyName: "Smith" },
      [ENTERPRISE_SCHEMA]: {
        employeeNumber: "E-7",
        department: "Sales",
        manager: { value: "m1", $ref: "https://baton.test/scim/v2/Users/m1", displayName: "Boss" },
      },
      [BATON_SCHEMA]: { startDate: "2026-03-02", role: "LEARNER" },
      meta: { resourceType: "User", location: "https://baton.test/scim/v2/Users/p1", version: `W/"${person.updatedAt.getTime()}"` },
    });
    expect(user.title).toBeUndefined();
  });
});

describe("fieldsFromScim", () => {
  it("reads a full resource: userName is the e-mail, externalId before employeeNumber, formatted before parts", () => {
    const outcome = fieldsFromScim(
      {
        userName: "New@Corp.test",
        name: { formatted: "Whole Name", givenName: "Part", familyName: "Name" },
        externalId: "X-1",
        [ENTERPRISE_SCHEMA]: { employeeNumber: "N-1", department: "Ops", manager: { value: "E-9" } },
        [BATON_SCHEMA]: { startDate: "2026-07-01T09:00:00Z" },
      },
      null,
    );
    expect(outcome).toEqual({
      kind: "ok",
      fields: {
        email: "new@corp.test",
        name: "Whole Name",
        employeeId: "X-1",
        department: "Ops",
        jobTitle: null,
        startDate: new Date("2026-07-01T00:00:00Z"),
        manager: "E-9",
        active: true,
      },
    });
    expect(fieldsFromScim({ userName: "a@b.co", [ENTERPRISE_SCHEMA]: { employeeNumber: "N-1" } }, null)).toMatchObject({
      fields: { employeeId: "N-1", name: "a@b.co" },
    });
    expect(fieldsFromScim({ userName: "a@b.co" }, { active: false })).toMatchObject({ fields: { active: false } });
  });

  it("after a PATCH, takes whichever of two attributes for one field the client changed", () => {
    const before = toScimUser({ ...person, deactivatedAt: null }, "https://b");
    const givenChanged = { ...before, name: { ...before.name, givenName: "Marianne" } };
    expect(fieldsFromScim(givenChanged, { active: true }, before)).toMatchObject({ fields: { name: "Marianne Smith", email: "mary.ann@corp.test" } });
    const emailChanged = { ...before, emails: [{ value: "NEW@corp.test", type: "work", primary: true }] };
    expect(fieldsFromScim(emailChanged, { active: true }, before)).toMatchObject({ fields: { email: "new@corp.test" } });
    const numberChanged = { ...before, [ENTERPRISE_SCHEMA]: { ...before[ENTERPRISE_SCHEMA], employeeNumber: "E-8" } };
    expect(fieldsFromScim(numberChanged, { active: true }, before)).toMatchObject({ fields: { employeeId: "E-8" } });
  });

  it("refuses a userName that is not an e-mail, an impossible start date and over-long values", () => {
    expect(fieldsFromScim({ userName: "jdoe" }, null).kind).toBe("invalid");
    expect(fieldsFromScim({ userName: "a@b.co", [BATON_SCHEMA]: { startDate: "2026-02-31" } }, null).kind).toBe("invalid");
    expect(fieldsFromScim({ userName: "a@b.co", [ENTERPRISE_SCHEMA]: { department: "x".repeat(101) } }, null).kind).toBe("invalid");
  });
});
