import { describe, expect, it } from "vitest";
import { RuleInputSchema, ruleLabel, ruleMatches, sameRule, type RulePerson } from "./rules";

const person = (o: Partial<RulePerson> = {}): RulePerson => ({
  department: "Front Desk",
  jobTitle: "Receptionist",
  location: "Lisbon Airport",
  role: "LEARNER",
  startDate: new Date("2026-12-01T00:00:00Z"),
  deactivatedAt: null,
  ...o,
});

describe("ruleMatches", () => {
  it("matches a department regardless of case and extra spaces", () => {
    expect(ruleMatches({ kind: "DEPARTMENT", value: "front desk" }, person())).toBe(true);
    expect(ruleMatches({ kind: "DEPARTMENT", value: " Front  Desk " }, person())).toBe(true);
    expect(ruleMatches({ kind: "DEPARTMENT", value: "Front Desk" }, person({ department: "Warehouse" }))).toBe(false);
    expect(ruleMatches({ kind: "DEPARTMENT", value: "Front Desk" }, person({ department: null }))).toBe(false);
  });

  it("matches a job title the same way, and not a part of one", () => {
    expect(ruleMatches({ kind: "JOB_TITLE", value: "RECEPTIONIST" }, person())).toBe(true);
    expect(ruleMatches({ kind: "JOB_TITLE", value: "Reception" }, person())).toBe(false);
  });

  it("matches a location as it matches a department: case and spacing do not matter", () => {
    expect(ruleMatches({ kind: "LOCATION", value: "lisbon  airport" }, person())).toBe(true);
    expect(ruleMatches({ kind: "LOCATION", value: "Lisbon" }, person())).toBe(false);
    expect(ruleMatches({ kind: "LOCATION", value: "Lisbon Airport" }, person({ location: null }))).toBe(false);
    // A department of the same name is not a location.
    expect(ruleMatches({ kind: "LOCATION", value: "Front Desk" }, person())).toBe(false);
  });

  it("matches a role exactly", () => {
    expect(ruleMatches({ kind: "ROLE", value: "LEARNER" }, person())).toBe(true);
    expect(ruleMatches({ kind: "ROLE", value: "MANAGER" }, person())).toBe(false);
  });

  it("matches everyone starting on or after a day, including that day", () => {
    const rule = { kind: "STARTING_FROM", value: "2026-12-01" } as const;
    expect(ruleMatches(rule, person())).toBe(true);
    expect(ruleMatches(rule, person({ startDate: new Date("2026-11-30T00:00:00Z") }))).toBe(false);
    expect(ruleMatches(rule, person({ startDate: new Date("2027-03-01T00:00:00Z") }))).toBe(true);
    expect(ruleMatches(rule, person({ startDate: null }))).toBe(false);
  });

  it("gives deactivated people nothing", () => {
    expect(ruleMatches({ kind: "DEPARTMENT", value: "Front Desk" }, person({ deactivatedAt: new Date() }))).toBe(false);
  });
});

describe("rule input and labels", () => {
  it("normalises a start day and refuses an impossible one", () => {
    expect(RuleInputSchema.parse({ kind: "STARTING_FROM", value: "2027-01-04" })).toEqual({ kind: "STARTING_FROM", value: "2027-01-04" });
    expect(RuleInputSchema.safeParse({ kind: "STARTING_FROM", value: "2027-02-30" }).success).toBe(false);
    expect(RuleInputSchema.safeParse({ kind: "ROLE", value: "ADMIN" }).success).toBe(false);
    expect(RuleInputSchema.safeParse({ kind: "DEPARTMENT", value: "   " }).success).toBe(false);
    expect(RuleInputSchema.parse({ kind: "LOCATION", value: "  Porto " })).toEqual({ kind: "LOCATION", value: "Porto" });
    expect(RuleInputSchema.safeParse({ kind: "LOCATION", value: "" }).success).toBe(false);
  });

  it("recognises the same group typed differently", () => {
    expect(sameRule({ kind: "DEPARTMENT", value: "front desk" }, { kind: "DEPARTMENT", value: "Front Desk" })).toBe(true);
    expect(sameRule({ kind: "DEPARTMENT", value: "Front Desk" }, { kind: "JOB_TITLE", value: "Front Desk" })).toBe(false);
    expect(sameRule({ kind: "LOCATION", value: "porto" }, { kind: "LOCATION", value: "Porto" })).toBe(true);
    expect(sameRule({ kind: "LOCATION", value: "Porto" }, { kind: "DEPARTMENT", value: "Porto" })).toBe(false);
  });

  it("describes rules in words", () => {
    expect(ruleLabel({ kind: "DEPARTMENT", value: "Front Desk" })).toBe("Department: Front Desk");
    expect(ruleLabel({ kind: "ROLE", value: "LEARNER" })).toBe("Role: new hires");
    expect(ruleLabel({ kind: "LOCATION", value: "Porto" })).toBe("Location: Porto");
    expect(ruleLabel({ kind: "STARTING_FROM", value: "2027-01-04" })).toBe("Everyone starting on or after 2027-01-04");
  });
});
