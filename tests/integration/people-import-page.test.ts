// The import page as HR uses it with an HR system's files: an Excel workbook whose people are on its second sheet,
// the columns corrected with the preview's selects, a saved mapping, and the confirmation re-reading the same way.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/.server/db";
import { importJobSettled } from "~/.server/people/import/jobs";
import { action as importAction, loader as importLoader } from "~/routes/_app.hr.import";
import { createTestPerson, having, makeRequest, outcomeOf, signedInCookie } from "../factories";
import { previewOf } from "./helpers/import-preview";

const ctx = { context: {} };
let cookie: string;

beforeAll(async () => {
  const hr = await createTestPerson({ role: "HR", name: "Hana HR" });
  cookie = (await signedInCookie(hr.id)).cookie;
});

async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("About").addRows([["Exported from the HR system"], ["Do not edit"]]);
  const people = wb.addWorksheet("Employees");
  people.addRow([
    "Employee_ID",
    "Legal_Name_First_Name",
    "Legal_Name_Last_Name",
    "Primary_Work_Email",
    "Team",
    "Business_Title",
    "Hire_Date",
    "Manager_Employee_ID",
    "Worker_Status",
  ]);
  people.addRow([7001, "Ines", "Duarte", "ines.duarte@xlsx.test", "Front Desk", "Lead", new Date(Date.UTC(2026, 9, 5)), "", "Active"]);
  people.addRow([7002, "Kofi", "Boateng", "kofi.boateng@xlsx.test", "Front Desk", "Receptionist", new Date(Date.UTC(2027, 0, 4)), 7001, "Active"]);
  people.addRow([7003, "Lars", "Moen", "lars.moen@xlsx.test", "Front Desk", "Receptionist", new Date(Date.UTC(2025, 1, 3)), 7001, "Terminated"]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const upload = async (bytes: Buffer, fields: Record<string, string> = {}) => {
  const form = new FormData();
  form.append("file", new File([new Uint8Array(bytes)], "workers.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const headers = new Headers({ Origin: "http://localhost:3000", "x-baton-client-ip": "203.0.113.9", Cookie: cookie });
  return outcomeOf(importAction({ request: new Request("http://localhost:3000/hr/import", { method: "POST", headers, body: form }), params: {}, ...ctx }));
};
const post = (form: Record<string, string>) => outcomeOf(importAction({ request: makeRequest("/hr/import", { cookie, form }), params: {}, ...ctx }));
/** The preview's selects: the field shown for each column, with some changed. */
const choices = (columns: { header: string; field: string }[], change: Record<string, string> = {}) =>
  Object.fromEntries(columns.map((c, i) => [`column.${i}`, change[c.header] ?? c.field]));

describe("the import page with an Excel export", () => {
  it("reads the chosen sheet, takes HR's column choices, saves them, and imports exactly what was previewed", async () => {
    const first = await upload(await workbook());
    expect(first.status).toBe(400); // the first sheet is not a list of people
    const shownFirst = previewOf(first.data);
    expect(shownFirst.preview.sheets).toEqual(["About", "Employees"]);
    expect(shownFirst.preview.sheet).toBe("About");
    const id = shownFirst.upload;

    const sheet = await post({ intent: "remap", upload: id, sheet: "Employees", shownSheet: "About", dateOrder: "", "column.0": "email" });
    const shownSheet = previewOf(sheet.data).preview;
    expect(shownSheet.sheet).toBe("Employees");
    const columns = shownSheet.mapping.columns;
    expect(columns.find((c) => c.header === "Employee_ID")?.field).toBe("employeeId");
    // "Team" is a guess: proposed for the select, and named among what HR should confirm (the CLI would not apply it).
    expect(columns.find((c) => c.header === "Team")?.field).toBe("department");
    expect(shownSheet.mapping.unclear.join(" ")).toContain("Team");

    // Two columns chosen for one field: a clear problem on the header line, nothing else decided for it.
    const twice = await post({ intent: "remap", upload: id, sheet: "Employees", shownSheet: "Employees", ...choices(columns, { Team: "jobTitle" }) });
    expect(twice.status).toBe(400);
    expect(previewOf(twice.data).preview.problems[0]).toEqual({
      line: 1,
      message: "“Team” and “Business_Title” are both chosen as the job title: choose one.",
    });

    const chosen = { shownSheet: "Employees", ...choices(columns, { Team: "department" }) };
    const good = await post({ intent: "remap", upload: id, sheet: "Employees", ...chosen });
    expect(good.status).toBe(200);
    const shownGood = previewOf(good.data).preview;
    expect(shownGood.counts).toMatchObject({ create: 2, problems: 0, skipped: 1 });
    expect(shownGood.creates.map((c) => c.email).sort()).toEqual(["ines.duarte@xlsx.test", "kofi.boateng@xlsx.test"]);

    const unnamed = await post({ intent: "save-mapping", upload: id, sheet: "Employees", mappingName: " ", ...chosen });
    expect(having(unnamed.data, "message").message).toMatch(/name/i);
    expect(await prisma.importMapping.count({ where: { name: "Workday workers" } })).toBe(0);
    const saved = await post({ intent: "save-mapping", upload: id, sheet: "Employees", mappingName: "Workday workers", ...chosen });
    expect(previewOf(saved.data).saved).toBe("Workday workers");
    const stored = await prisma.importMapping.findUniqueOrThrow({ where: { name: "Workday workers" } });
    expect(JSON.parse(stored.mapping)).toMatchObject({ department: "Team", employeeId: "Employee_ID", managerEmployeeId: "Manager_Employee_ID" });
    expect((await outcomeOf(importLoader({ request: makeRequest("/hr/import", { cookie }), params: {}, ...ctx }))).data.savedMappings).toContain(
      "Workday workers",
    );

    // Confirming re-reads the kept workbook with the same sheet and columns.
    const confirmed = await post({ intent: "confirm", upload: id, fingerprint: shownGood.fingerprint, sheet: "Employees", ...chosen });
    expect(confirmed.status).toBe(302);
    await importJobSettled(new URL(confirmed.headers.get("Location")!, "http://localhost:3000").searchParams.get("job")!);
    const people = await prisma.person.findMany({
      where: { email: { endsWith: "@xlsx.test" } },
      select: { email: true, employeeId: true, department: true, startDate: true, manager: { select: { email: true } } },
      orderBy: { email: "asc" },
    });
    expect(people).toEqual([
      { email: "ines.duarte@xlsx.test", employeeId: "7001", department: "Front Desk", startDate: new Date("2026-10-05T00:00:00Z"), manager: null },
      {
        email: "kofi.boateng@xlsx.test",
        employeeId: "7002",
        department: "Front Desk",
        startDate: new Date("2027-01-04T00:00:00Z"),
        manager: { email: "ines.duarte@xlsx.test" },
      },
    ]);

    // The next export, read with the saved mapping (kept when HR picks the sheet): nothing to change.
    const again = await upload(await workbook(), { savedMapping: "Workday workers" });
    const remapped = await post({
      intent: "remap",
      upload: previewOf(again.data).upload,
      sheet: "Employees",
      shownSheet: "About",
      readWith: "Workday workers",
    });
    expect(previewOf(remapped.data).mappingName).toBe("Workday workers");
    expect(previewOf(remapped.data).preview.counts).toMatchObject({ create: 0, update: 0, unchanged: 2, problems: 0 });
  });

  it("refuses a file that is neither UTF-8 text nor a workbook, and an unknown saved mapping", async () => {
    const junk = await upload(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    expect(junk.status).toBe(400);
    expect(having(junk.data, "message").message).toMatch(/Excel/);
    const unknown = await upload(await workbook(), { savedMapping: "No such mapping" });
    expect(unknown.status).toBe(400);
    expect(having(unknown.data, "message").message).toBe("There is no saved mapping called “No such mapping”.");
  });
});
