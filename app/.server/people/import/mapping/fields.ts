/**
 * Baton's import fields and the column names HR systems give them. Headers are compared after
 * `normalizeHeader`, so "Employee #", "Employee_Number" and "EMPLOYEE NUMBER" are one name. An exact alias is
 * a name that can only mean the field; a weak one is a guess HR must confirm (the CLI never applies it alone).
 */

export const IMPORT_FIELDS = [
  "email",
  "fullName",
  "firstName",
  "lastName",
  "department",
  "jobTitle",
  "startDate",
  "manager",
  "managerEmail",
  "managerEmployeeId",
  "managerName",
  "employeeId",
  "role",
  "location",
  "employmentStatus",
] as const;

export type ImportField = (typeof IMPORT_FIELDS)[number];

/**
 * The fields that say who someone's manager is; a mapping uses at most one. In the order a proposal prefers
 * them when a file has several: an e-mail needs no lookup, a name may match two people.
 */
export const MANAGER_FIELDS = ["managerEmail", "managerEmployeeId", "manager", "managerName"] as const satisfies readonly ImportField[];

type FieldSpec = { label: string; aliases: readonly string[]; weak?: readonly string[] };

export const FIELD_SPECS: Record<ImportField, FieldSpec> = {
  email: {
    label: "e-mail",
    aliases: ["Email", "E-mail", "Email Address", "Work Email", "Work Email Address", "Primary_Work_Email", "Business Email", "Company Email", "Work_Email"],
    weak: ["Mail", "Primary Email", "Email_Address_Primary", "User Name", "Username", "Login"],
  },
  fullName: {
    label: "full name",
    aliases: ["Name", "Full Name", "Employee Name", "Worker Name", "Worker", "Legal Name", "Display Name", "Full_Legal_Name"],
    weak: ["Preferred Name", "Preferred_Name", "Employee", "Person"],
  },
  firstName: {
    label: "first name",
    aliases: ["First Name", "Firstname", "Given Name", "Forename", "Legal_Name_First_Name", "Preferred First Name", "Preferred_Name_First_Name", "First"],
    weak: ["Nickname"],
  },
  lastName: {
    label: "last name",
    aliases: ["Last Name", "Lastname", "Surname", "Family Name", "Legal_Name_Last_Name", "Preferred Last Name", "Preferred_Name_Last_Name", "Last"],
  },
  department: {
    label: "department",
    aliases: ["Department", "Dept", "Department Name", "Supervisory_Organization", "Supervisory Organization"],
    weak: ["Organization", "Division", "Cost Center", "Cost_Center", "Cost Centre", "Team", "Business Unit", "Org Unit", "Group"],
  },
  jobTitle: {
    label: "job title",
    aliases: ["Job Title", "Title", "Business_Title", "Business Title", "Position", "Position Title", "Role Title"],
    weak: ["Job", "Job Profile", "Job_Profile_Name", "Job Code", "Occupation"],
  },
  startDate: {
    label: "start date",
    aliases: [
      "Start Date",
      "Start",
      "Hire Date",
      "Hire_Date",
      "Date of Hire",
      "Original Hire Date",
      "Original_Hire_Date",
      "Employment Start Date",
      "Joining Date",
      "Date Joined",
    ],
    weak: ["Hired", "Continuous Service Date", "Continuous_Service_Date", "Seniority Date", "Effective Date"],
  },
  manager: {
    label: "manager",
    aliases: ["Manager", "Reports To", "Reports_To", "Line Manager", "Supervisor", "Direct Manager"],
  },
  managerEmail: {
    label: "manager e-mail",
    aliases: [
      "Manager Email",
      "Manager Email Address",
      "Line Manager Email",
      "Manager_Work_Email",
      "Manager Work Email",
      "Supervisor Email",
      "Reports To Email",
    ],
  },
  managerEmployeeId: {
    label: "manager employee id",
    aliases: [
      "Manager_Employee_ID",
      "Manager Employee Number",
      "Manager Employee #",
      "Manager ID",
      "Supervisor ID",
      "Reports To ID",
      "Manager Worker ID",
      "Manager_Worker_ID",
    ],
  },
  managerName: {
    label: "manager name",
    aliases: ["Manager Name", "Manager Full Name", "Line Manager Name", "Supervisor Name", "Reports To Name", "Manager_Name"],
  },
  employeeId: {
    label: "employee id",
    aliases: [
      "Employee ID",
      "Employee #",
      "Employee_ID",
      "Employee Number",
      "Employee No",
      "Emp ID",
      "Emp No",
      "Worker ID",
      "Worker_ID",
      "Staff ID",
      "Staff Number",
      "Personnel Number",
      "Payroll ID",
    ],
    weak: ["ID", "Number", "External ID"],
  },
  role: {
    label: "Baton role",
    aliases: ["Baton role", "Role", "Baton_Role", "Access Role"],
  },
  location: {
    label: "location",
    aliases: ["Location", "Work Location", "Office", "Site", "Location Name", "Primary Work Location", "Work_Location", "Location_Name"],
    weak: ["City", "Country", "Region", "Work Address"],
  },
  employmentStatus: {
    label: "employment status",
    aliases: ["Employment Status", "Worker_Status", "Worker Status", "Status", "Employee Status", "Active Status", "Employment_Status"],
  },
};

/**
 * The key a header is compared by: case, spaces, underscores and punctuation dropped, accents removed, `#` and
 * "No." read as "number", and a bracketed note ("Name (Last, First)", "Hire Date (MM/DD/YYYY)") set aside.
 */
export function normalizeHeader(header: string): string {
  return header
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, " ")
    .replace(/#/g, " number ")
    .replace(/\bno\b\.?|\bnr\b\.?/g, " number ")
    .replace(/[^a-z0-9]/g, "");
}

type Confidence = "exact" | "weak";

const byKey = new Map<string, { field: ImportField; confidence: Confidence }>();
for (const field of IMPORT_FIELDS) {
  const spec = FIELD_SPECS[field];
  for (const alias of spec.aliases) byKey.set(normalizeHeader(alias), { field, confidence: "exact" });
  for (const alias of spec.weak ?? []) {
    const key = normalizeHeader(alias);
    if (!byKey.has(key)) byKey.set(key, { field, confidence: "weak" });
  }
}

/**
 * Words in a longer header that point to a field: a weak guess, e.g. "Employee Work Email Address" → e-mail.
 * Checked in order; the first pattern that fits wins.
 */
const HINTS: readonly [RegExp, ImportField][] = [
  [/(manager|supervisor|reportsto).*(email|mail)/, "managerEmail"],
  [/(manager|supervisor|reportsto).*(id|number)$/, "managerEmployeeId"],
  [/(manager|supervisor|reportsto).*name/, "managerName"],
  [/(manager|supervisor|reportsto)/, "manager"],
  [/email/, "email"],
  [/firstname|givenname/, "firstName"],
  [/lastname|surname|familyname/, "lastName"],
  [/(employee|worker|staff|personnel).*(id|number)$/, "employeeId"],
  [/hiredate|startdate/, "startDate"],
  [/department/, "department"],
  [/jobtitle|businesstitle/, "jobTitle"],
  [/location$|^office$/, "location"],
  [/(employment|employee|worker)status/, "employmentStatus"],
];

/** The field a header names, if any, and how sure the match is. */
export function fieldForHeader(header: string): { field: ImportField; confidence: Confidence } | null {
  const key = normalizeHeader(header);
  if (!key) return null;
  const known = byKey.get(key);
  if (known) return known;
  const hint = HINTS.find(([pattern]) => pattern.test(key));
  return hint ? { field: hint[1], confidence: "weak" } : null;
}

/** A value for every field, typed without a cast. */
export function byField<T>(make: (field: ImportField) => T): Record<ImportField, T> {
  return {
    email: make("email"),
    fullName: make("fullName"),
    firstName: make("firstName"),
    lastName: make("lastName"),
    department: make("department"),
    jobTitle: make("jobTitle"),
    startDate: make("startDate"),
    manager: make("manager"),
    managerEmail: make("managerEmail"),
    managerEmployeeId: make("managerEmployeeId"),
    managerName: make("managerName"),
    employeeId: make("employeeId"),
    role: make("role"),
    location: make("location"),
    employmentStatus: make("employmentStatus"),
  };
}
