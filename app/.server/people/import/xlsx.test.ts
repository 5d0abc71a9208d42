import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, tooManyBytesMessage, tooManyRowsMessage } from "./limits";
import { readWorkbook } from "./xlsx";

const limits = { maxRows: MAX_IMPORT_ROWS, maxBytes: MAX_IMPORT_BYTES };

async function bytesOf(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** An HR system's export: a people sheet with an employee number, a US-formatted hire date and a formula; a notes sheet after it. */
const hrExport = () =>
  bytesOf((wb) => {
    const people = wb.addWorksheet("Employees");
    people.addRow(["Employee #", "First Name", "Last Name", "Hire Date", "Annual hours", "Full-time", "Reports To"]);
    people.addRow([10000000, "Amara", "Okafor", new Date(Date.UTC(2026, 2, 31)), { formula: "52*40", result: 2080 }, true, ""]);
    people.getCell("D2").numFmt = "mm/dd/yyyy";
    people.addRow([]);
    people.addRow([
      1234567890123,
      { richText: [{ text: "Jo" }, { text: "sé" }] },
      "Silva",
      new Date(Date.UTC(2026, 10, 2, 23, 59, 59, 999)),
      0.5,
      false,
      "Okafor, Amara",
    ]);
    people.getCell("D4").numFmt = "dd.mm.yyyy";
    const notes = wb.addWorksheet("Notes");
    notes.addRow(["Exported", { formula: 'A1&" by HR"', result: "Exported by HR" }, { error: "#N/A" }]);
  });

describe("readWorkbook", () => {
  it("reads every sheet in order, cells as HR sees them: ids without exponents, ISO dates, formula results", async () => {
    const read = await readWorkbook(await hrExport(), limits);
    expect(read).toEqual({
      ok: true,
      sheets: [
        {
          name: "Employees",
          rows: [
            ["Employee #", "First Name", "Last Name", "Hire Date", "Annual hours", "Full-time", "Reports To"],
            ["10000000", "Amara", "Okafor", "2026-03-31", "2080", "TRUE"],
            [],
            ["1234567890123", "José", "Silva", "2026-11-03", "0.5", "FALSE", "Okafor, Amara"],
          ],
        },
        { name: "Notes", rows: [["Exported", "Exported by HR", "#N/A"]] },
      ],
    });
  });

  it("keeps row numbers as the spreadsheet shows them, blank rows above the header included", async () => {
    const read = await readWorkbook(
      await bytesOf((wb) => {
        const s = wb.addWorksheet("People");
        s.getCell("A3").value = "Email";
        s.getCell("A5").value = "amara@example.com";
        s.getCell("C5").value = 1e21;
        s.getCell("D5").value = 1e-7;
      }),
      limits,
    );
    expect(read.ok && read.sheets[0]!.rows).toEqual([[], [], ["Email"], [], ["amara@example.com", "", "1000000000000000000000", "0.0000001"]]);
  });

  it("refuses a sheet with more people than an import takes, with the CSV's message", async () => {
    const buffer = await bytesOf((wb) => {
      const s = wb.addWorksheet("People");
      s.addRow(["Email"]);
      for (let i = 0; i < 4; i++) s.addRow([`p${i}@example.com`]);
    });
    expect(await readWorkbook(buffer, { ...limits, maxRows: 4 })).toMatchObject({ ok: true });
    expect(await readWorkbook(buffer, { ...limits, maxRows: 3 })).toEqual({ ok: false, message: tooManyRowsMessage(3) });
  });

  it("refuses a file over the size limit before reading it, with the CSV's message", async () => {
    const buffer = await hrExport();
    expect(await readWorkbook(buffer, { ...limits, maxBytes: buffer.length - 1 })).toEqual({ ok: false, message: tooManyBytesMessage(buffer.length) });
  });

  it("refuses a workbook that unpacks to far more than the limit (a zip bomb) without unpacking it", async () => {
    const buffer = await bytesOf((wb) => {
      const s = wb.addWorksheet("People");
      for (let i = 0; i < 2000; i++) s.addRow(["x".repeat(200)]);
    });
    const read = await readWorkbook(buffer, { ...limits, maxBytes: 20_000 });
    expect(buffer.length).toBeLessThan(20_000);
    expect(read).toEqual({ ok: false, message: tooManyBytesMessage() });
  });

  it("says plainly when the upload is not a workbook at all", async () => {
    for (const bytes of [Buffer.from("Email,Name\nama@example.com,Amara\n"), Buffer.alloc(0), (await hrExport()).subarray(0, 2000)]) {
      const read = await readWorkbook(bytes, limits);
      expect(read.ok).toBe(false);
      expect(!read.ok && read.message).toMatch(/not an Excel workbook/);
    }
  });
});
