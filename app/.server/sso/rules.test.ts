import { describe, expect, it } from "vitest";
import { decideMatch, emailFromClaims, issuerProblem, nameFromClaims, passwordRule, refusalMessage, returnPath, type MatchInput } from "./rules";

const base: MatchInput = { linked: null, byEmail: null, email: "ann@corp.test", emailVerified: true, createPeople: false, providerDomains: [] };
const active = { id: "p1", deactivatedAt: null };

describe("decideMatch", () => {
  it("signs in the linked person whatever the e-mail says", () => {
    expect(decideMatch({ ...base, linked: active, email: null, emailVerified: false })).toEqual({ kind: "linked", personId: "p1" });
  });

  it("links the person with the verified e-mail, but never on an unverified one", () => {
    const byEmail = { ...active, linkedSubjectHere: null };
    expect(decideMatch({ ...base, byEmail })).toEqual({ kind: "link", personId: "p1" });
    expect(decideMatch({ ...base, byEmail, emailVerified: false })).toEqual({ kind: "refused", reason: "unverified_email" });
    expect(decideMatch({ ...base, email: null })).toEqual({ kind: "refused", reason: "no_email" });
  });

  it("does not add a second account at the same provider to a person", () => {
    expect(decideMatch({ ...base, byEmail: { ...active, linkedSubjectHere: "other-sub" } })).toEqual({ kind: "refused", reason: "linked_elsewhere" });
  });

  it("refuses deactivated people, linked or matched", () => {
    const gone = { id: "p1", deactivatedAt: new Date("2026-01-01") };
    expect(decideMatch({ ...base, linked: gone })).toEqual({ kind: "refused", reason: "deactivated" });
    expect(decideMatch({ ...base, byEmail: { ...gone, linkedSubjectHere: null }, createPeople: true })).toEqual({ kind: "refused", reason: "deactivated" });
  });

  it("creates people only when the provider may, and only in its domains once it lists some", () => {
    expect(decideMatch(base)).toEqual({ kind: "refused", reason: "no_account" });
    expect(decideMatch({ ...base, createPeople: true })).toEqual({ kind: "create" });
    expect(decideMatch({ ...base, createPeople: true, providerDomains: ["corp.test"] })).toEqual({ kind: "create" });
    expect(decideMatch({ ...base, createPeople: true, providerDomains: ["other.test"] })).toEqual({ kind: "refused", reason: "no_account" });
    expect(decideMatch({ ...base, createPeople: true, emailVerified: false })).toEqual({ kind: "refused", reason: "unverified_email" });
  });
});

describe("claims", () => {
  it("takes the e-mail in lower case and counts only a literal true as verified", () => {
    expect(emailFromClaims({ sub: "s", email: " Ann@Corp.TEST ", email_verified: true })).toEqual({ email: "ann@corp.test", verified: true });
    expect(emailFromClaims({ sub: "s", email: "ann@corp.test", email_verified: "true" })).toEqual({ email: "ann@corp.test", verified: false });
    expect(emailFromClaims({ sub: "s" })).toEqual({ email: null, verified: false });
  });

  it("names a new person from name, else given and family name, else the e-mail", () => {
    expect(nameFromClaims({ sub: "s", name: " Ann Lee " }, "a@x.test")).toBe("Ann Lee");
    expect(nameFromClaims({ sub: "s", given_name: "Ann", family_name: "Lee" }, "a@x.test")).toBe("Ann Lee");
    expect(nameFromClaims({ sub: "s", family_name: "Lee" }, "a@x.test")).toBe("Lee");
    expect(nameFromClaims({ sub: "s", name: "" }, "a@x.test")).toBe("a@x.test");
  });

  it("tells the person what to do", () => {
    expect(refusalMessage("no_account", "ann@corp.test", "Okta")).toBe("No Baton account for ann@corp.test; ask HR.");
  });
});

describe("returnPath", () => {
  it("keeps paths on this site and sends everything else home", () => {
    expect(returnPath("/learn/course-a", "/learn")).toBe("/learn/course-a");
    expect(returnPath("//evil.test/x", "/learn")).toBe("/learn");
    expect(returnPath("https://evil.test/", "/learn")).toBe("/learn");
    expect(returnPath("/\\evil.test", "/learn")).toBe("/learn");
    expect(returnPath(null, "/team")).toBe("/team");
    expect(returnPath("/login?redirectTo=/x", "/team")).toBe("/team");
    expect(returnPath("/sso/okta/start", "/team")).toBe("/team");
  });
});

describe("passwordRule", () => {
  const off = { passwordOff: true, providerName: "Okta", providerEnabled: true };
  it("refuses passwords where the domain has switched them off", () => {
    expect(passwordRule({ role: "LEARNER", passwordAlwaysAllowed: false }, off)).toEqual({ kind: "sso-only", providerName: "Okta" });
    expect(passwordRule(null, off)).toEqual({ kind: "sso-only", providerName: "Okta" });
  });
  it("allows the break-glass HR account, and everyone when the switch is on or the provider is off", () => {
    expect(passwordRule({ role: "HR", passwordAlwaysAllowed: true }, off)).toEqual({ kind: "allowed" });
    expect(passwordRule({ role: "LEARNER", passwordAlwaysAllowed: true }, off)).toEqual({ kind: "sso-only", providerName: "Okta" });
    expect(passwordRule({ role: "LEARNER", passwordAlwaysAllowed: false }, { ...off, passwordOff: false })).toEqual({ kind: "allowed" });
    expect(passwordRule({ role: "LEARNER", passwordAlwaysAllowed: false }, { ...off, providerEnabled: false })).toEqual({ kind: "allowed" });
    expect(passwordRule({ role: "LEARNER", passwordAlwaysAllowed: false }, null)).toEqual({ kind: "allowed" });
  });
});

describe("issuerProblem", () => {
  it("accepts https, and http only on this machine", () => {
    expect(issuerProblem("https://login.example.com")).toBeNull();
    expect(issuerProblem("http://127.0.0.1:4000")).toBeNull();
    expect(issuerProblem("http://localhost:4000")).toBeNull();
    expect(issuerProblem("http://login.example.com")).toMatch(/https/);
    expect(issuerProblem("http://127.0.0.1.evil.test")).toMatch(/https/);
    expect(issuerProblem("not a url")).toMatch(/URL/);
  });
});
