import { describe, expect, it } from "vitest";
import {
  ambiguities,
  checkMapping,
  columnIndexes,
  describeMapping,
  isUnambiguous,
  mappingFromColumns,
  parseMapping,
  proposeMapping,
  toMapping,
  type Mapping,
} from "./propose";
import { EUROPEAN_EXPORT, US_EXPORT, WORKDAY_EXPORT, readExport } from "./sample-exports";

const headersOf = (text: string) => readExport(text).headers;
const messages = (mapping: Mapping, headers: string[]) => checkMapping(mapping, headers).map((p) => [p.line, p.message]);

describe("proposeMapping", () => {
  it("maps the US-style export completely and unambiguously", () => {
    const proposal = proposeMapping(headersOf(US_EXPORT));
    expect(toMapping(proposal)).toEqual({
      email: "Work Email",
      firstName: "First Name",
      lastName: "Last Name",
      department: "Department",
      jobTitle: "Job Title",
      startDate: "Hire Date",
      manager: "Reports To",
      employeeId: "Employee #",
      location: "Location",
      employmentStatus: "Employment Status",
    });
    expect(proposal.fields.email).toEqual({ index: 3, header: "Work Email", confidence: "exact" });
    expect(proposal.fields.fullName).toBeNull();
    expect(proposal.unmapped).toEqual([]);
    expect(isUnambiguous(proposal)).toBe(true);
  });

  it("maps the Workday-style export and leaves the cost center out beside a real department", () => {
    const proposal = proposeMapping(headersOf(WORKDAY_EXPORT));
    expect(toMapping(proposal)).toEqual({
      email: "Primary_Work_Email",
      firstName: "Legal_Name_First_Name",
      lastName: "Legal_Name_Last_Name",
      department: "Supervisory_Organization",
      jobTitle: "Business_Title",
      startDate: "Hire_Date",
      managerEmployeeId: "Manager_Employee_ID",
      employeeId: "Employee_ID",
      employmentStatus: "Worker_Status",
    });
    expect(proposal.unmapped).toEqual(["Cost_Center"]);
    expect(proposal.ties).toEqual([]);
    expect(isUnambiguous(proposal)).toBe(true);
  });

  it("maps the semicolon-separated European export", () => {
    const proposal = proposeMapping(headersOf(EUROPEAN_EXPORT));
    expect(describeMapping(toMapping(proposal))).toEqual([
      "e-mail ← “Email Address”",
      "first name ← “First Name”",
      "last name ← “Surname”",
      "department ← “Department”",
      "job title ← “Position”",
      "start date ← “Start Date”",
      "manager e-mail ← “Manager Email”",
      "employee id ← “Employee Number”",
      "location ← “Office”",
      "employment status ← “Status”",
    ]);
    expect(isUnambiguous(proposal)).toBe(true);
  });

  it("still reads Baton's own import file", () => {
    const proposal = proposeMapping(["Email", "Name", "Department", "Job Title", "Manager Email", "Start Date", "Role"]);
    expect(toMapping(proposal)).toEqual({
      email: "Email",
      fullName: "Name",
      department: "Department",
      jobTitle: "Job Title",
      managerEmail: "Manager Email",
      startDate: "Start Date",
      role: "Role",
    });
    expect(isUnambiguous(proposal)).toBe(true);
  });

  it("proposes the first of two equally good columns but does not let the CLI use it", () => {
    const proposal = proposeMapping(["Name", "Email", "Work Email"]);
    expect(proposal.fields.email).toEqual({ index: 1, header: "Email", confidence: "exact" });
    expect(proposal.ties).toEqual([{ field: "email", headers: ["Email", "Work Email"] }]);
    expect(proposal.unmapped).toEqual(["Work Email"]);
    expect(ambiguities(proposal)).toEqual(["“Email” and “Work Email” could each be the e-mail."]);
    expect(isUnambiguous(proposal)).toBe(false);
  });

  it("lets an exact alias win over a guess without calling it a tie", () => {
    const proposal = proposeMapping(["Name", "Personal Email", "Work Email"]);
    expect(proposal.fields.email).toEqual({ index: 2, header: "Work Email", confidence: "exact" });
    expect(proposal.unmapped).toEqual(["Personal Email"]);
    expect(isUnambiguous(proposal)).toBe(true);
  });

  it("proposes a weak match, which the CLI does not apply on its own", () => {
    const proposal = proposeMapping(["Full Name", "Work Email", "Cost Center"]);
    expect(proposal.fields.department).toEqual({ index: 2, header: "Cost Center", confidence: "weak" });
    expect(ambiguities(proposal)).toEqual(["“Cost Center” is only a guess for the department."]);
  });

  it("prefers first + last over a full name, and a manager e-mail over a manager's name, saying so", () => {
    const proposal = proposeMapping(["Employee Name", "First Name", "Last Name", "Email", "Reports To", "Manager Email", "Date of Birth", ""]);
    expect(toMapping(proposal)).toEqual({ email: "Email", firstName: "First Name", lastName: "Last Name", managerEmail: "Manager Email" });
    expect(proposal.notes).toEqual([
      "“Employee Name” is left out: the name is built from “First Name” and “Last Name”.",
      "“Reports To” is left out: the manager is read from “Manager Email” (manager e-mail).",
    ]);
    expect(proposal.unmapped).toEqual(["Employee Name", "Reports To", "Date of Birth"]);
    expect(isUnambiguous(proposal)).toBe(true);
  });

  it("prefers an exact manager column over a guessed one, and forgets a tie on a column it left out", () => {
    const proposal = proposeMapping(["Full Name", "Name", "First Name", "Last Name", "Email", "Line Manager's E-mail", "Reports To"]);
    expect(toMapping(proposal)).toEqual({ email: "Email", firstName: "First Name", lastName: "Last Name", manager: "Reports To" });
    expect(proposal.ties).toEqual([]);
    expect(proposal.unmapped).toEqual(["Full Name", "Name", "Line Manager's E-mail"]);
    expect(isUnambiguous(proposal)).toBe(true);
  });

  it("keeps a full name over a lone first-name column", () => {
    const proposal = proposeMapping(["Name", "Preferred First Name", "Email"]);
    expect(toMapping(proposal)).toEqual({ email: "Email", fullName: "Name" });
    expect(proposal.notes).toEqual(["“Preferred First Name” is left out: the name is read from “Name”."]);
  });

  it("says why a file without an e-mail column cannot be imported by the CLI", () => {
    const proposal = proposeMapping(["Employee #", "First Name", "Last Name"]);
    expect(ambiguities(proposal)).toEqual(["Choose the column that holds the e-mail: everyone needs one to sign in."]);
  });
});

describe("checkMapping", () => {
  const headers = ["Employee #", "First Name", "Last Name", "Full Name", "Work Email", "Reports To", "Manager Email", "Email", "Email"];

  it("accepts a complete mapping, whatever the case and spacing of the saved header names", () => {
    expect(messages({ email: "work  email", firstName: "First Name", lastName: "LAST NAME", manager: "Reports To" }, headers)).toEqual([]);
  });

  it("refuses a mapping without e-mail or name", () => {
    expect(messages({ employeeId: "Employee #" }, headers)).toEqual([
      [1, "Choose the column that holds the e-mail: everyone needs one to sign in."],
      [1, "Choose the column that holds the full name, or the first and last name columns."],
    ]);
    expect(messages({ email: "Work Email", firstName: "First Name" }, headers)).toEqual([[1, "The first name is chosen but not the last name: choose both."]]);
    expect(messages({ email: "Work Email", lastName: "Last Name" }, headers)).toEqual([[1, "The last name is chosen but not the first name: choose both."]]);
  });

  it("refuses a full name together with first + last name", () => {
    expect(messages({ email: "Work Email", fullName: "Full Name", firstName: "First Name", lastName: "Last Name" }, headers)).toEqual([
      [1, "Choose either a full name column or first and last name columns, not both."],
    ]);
  });

  it("refuses a manager given in more than one kind", () => {
    expect(messages({ email: "Work Email", fullName: "Full Name", manager: "Reports To", managerEmail: "Manager Email" }, headers)).toEqual([
      [1, "The manager is chosen from 2 columns (“Manager Email” as manager e-mail, “Reports To” as manager): choose one."],
    ]);
  });

  it("refuses one column for two fields, a column the file lacks, and a header the file has twice", () => {
    expect(checkMapping({ email: "Work Email", managerEmail: "Work Email", fullName: "Name", department: "Email" }, headers, { line: 3 })).toEqual([
      { line: 3, message: "The column “Name” chosen for the full name is not in this file." },
      { line: 3, message: "Columns 8 and 9 are both called “Email”: rename one so the department is read from the right one." },
      { line: 3, message: "The column “Work Email” is chosen for e-mail and manager e-mail: choose it for one." },
    ]);
  });
});

describe("mappingFromColumns", () => {
  it("turns the preview's per-column choices into a mapping", () => {
    expect(mappingFromColumns(["Employee #", "Name", "Mail", "Notes"], ["employeeId", "fullName", "email", ""])).toEqual({
      mapping: { employeeId: "Employee #", fullName: "Name", email: "Mail" },
      problems: [],
    });
  });

  it("refuses two columns chosen for one field", () => {
    expect(mappingFromColumns(["Email", "Work Email", "Name"], ["email", "email", "fullName"])).toEqual({
      mapping: { fullName: "Name" },
      problems: [{ line: 1, message: "“Email” and “Work Email” are both chosen as the e-mail: choose one." }],
    });
  });
});

describe("parseMapping", () => {
  it("reads a saved mapping back", () => {
    expect(parseMapping(JSON.parse('{"email":"Work Email","fullName":" Name "}'))).toEqual({ ok: true, mapping: { email: "Work Email", fullName: "Name" } });
  });

  it("refuses unknown fields and empty header names", () => {
    const refused = { ok: false, message: "This mapping is not valid: it names a field Baton does not import, or a column without a name." };
    expect(parseMapping({ email: "Email", salary: "Salary" })).toEqual(refused);
    expect(parseMapping({ email: "" })).toEqual(refused);
    expect(parseMapping(["email"])).toEqual(refused);
  });
});

describe("columnIndexes", () => {
  it("finds each mapped field's column, null for the rest", () => {
    const indexes = columnIndexes({ email: "work email", fullName: "Name", location: "Gone" }, ["Name", "Work Email"]);
    expect([indexes.email, indexes.fullName, indexes.location, indexes.department]).toEqual([1, 0, null, null]);
  });
});
