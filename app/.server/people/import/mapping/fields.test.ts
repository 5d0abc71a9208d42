import { describe, expect, it } from "vitest";
import { FIELD_SPECS, IMPORT_FIELDS, fieldForHeader, normalizeHeader } from "./fields";

describe("normalizeHeader", () => {
  it("compares headers without case, spaces, underscores, punctuation or accents, and reads # and No. as number", () => {
    expect(["Employee #", "Employee_Number", "EMPLOYEE NUMBER", "employee no.", "Employee-Nr"].map(normalizeHeader)).toEqual(Array(5).fill("employeenumber"));
    expect(normalizeHeader("Legal_Name_First_Name")).toBe("legalnamefirstname");
    expect(normalizeHeader("Prénom")).toBe("prenom");
  });

  it("sets a bracketed note aside", () => {
    expect(normalizeHeader("Name (Last, First)")).toBe("name");
    expect(normalizeHeader("Hire Date [MM/DD/YYYY]")).toBe("hiredate");
  });
});

describe("fieldForHeader", () => {
  it("recognises the column names HR systems write", () => {
    const cases: [string, string][] = [
      ["Employee #", "employeeId"],
      ["Employee_ID", "employeeId"],
      ["Employee Number", "employeeId"],
      ["Worker ID", "employeeId"],
      ["First Name", "firstName"],
      ["Legal_Name_First_Name", "firstName"],
      ["Preferred First Name", "firstName"],
      ["Last Name", "lastName"],
      ["Surname", "lastName"],
      ["Legal_Name_Last_Name", "lastName"],
      ["Work Email", "email"],
      ["Primary_Work_Email", "email"],
      ["Email Address", "email"],
      ["Department", "department"],
      ["Supervisory_Organization", "department"],
      ["Job Title", "jobTitle"],
      ["Business_Title", "jobTitle"],
      ["Position", "jobTitle"],
      ["Hire Date", "startDate"],
      ["Hire_Date", "startDate"],
      ["Start Date", "startDate"],
      ["Original Hire Date", "startDate"],
      ["Reports To", "manager"],
      ["Manager", "manager"],
      ["Manager Name", "managerName"],
      ["Manager_Employee_ID", "managerEmployeeId"],
      ["Manager Email", "managerEmail"],
      ["Employment Status", "employmentStatus"],
      ["Worker_Status", "employmentStatus"],
      ["Status", "employmentStatus"],
      ["Location", "location"],
      ["Work Location", "location"],
      ["Office", "location"],
      ["Baton role", "role"],
      ["Name (Last, First)", "fullName"],
      ["full_name", "fullName"],
    ];
    expect(cases.map(([header]) => [header, fieldForHeader(header)])).toEqual(cases.map(([header, field]) => [header, { field, confidence: "exact" }]));
  });

  it("marks guesses as weak: a cost center is not quite a department", () => {
    expect(fieldForHeader("Cost Center")).toEqual({ field: "department", confidence: "weak" });
    expect(fieldForHeader("Employee Work Email Address")).toEqual({ field: "email", confidence: "weak" });
    expect(fieldForHeader("Line Manager's E-mail")).toEqual({ field: "managerEmail", confidence: "weak" });
    expect(fieldForHeader("Direct Supervisor Full Name")).toEqual({ field: "managerName", confidence: "weak" });
  });

  it("leaves columns Baton does not import alone", () => {
    expect(["Date of Birth", "Marital Status", "Office Phone", "Salary", "", "  "].map(fieldForHeader)).toEqual([null, null, null, null, null, null]);
  });

  it("gives every alias to exactly the field that lists it", () => {
    for (const field of IMPORT_FIELDS) {
      for (const alias of FIELD_SPECS[field].aliases) expect([alias, fieldForHeader(alias)]).toEqual([alias, { field, confidence: "exact" }]);
      for (const alias of FIELD_SPECS[field].weak ?? []) expect([alias, fieldForHeader(alias)]).toEqual([alias, { field, confidence: "weak" }]);
    }
  });
});
