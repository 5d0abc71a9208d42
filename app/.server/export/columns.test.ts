import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { exportFile, iso, day } from "./columns";

type Row = { id: string; text: string | null; n: number; ok: boolean; at: Date | null };

/** A file over rows in memory, read in pages of `pageSize` by id, as the real files read their tables. */
function memoryFile(rows: Row[], pageSize: number, seen: (string | undefined)[] = []) {
  return exportFile<Row>(
    {
      name: "things.csv",
      description: "Things.",
      count: async () => rows.length,
      page: async (after, take) => {
        seen.push(after?.id);
        return rows.filter((r) => !after || r.id > after.id).slice(0, take);
      },
      columns: [
        { name: "id", description: "Id.", value: (r) => r.id },
        { name: "text", description: "Text.", value: (r) => r.text },
        { name: "n", description: "A number.", value: (r) => r.n },
        { name: "ok", description: "A flag.", value: (r) => r.ok },
        { name: "at", description: "A moment.", value: (r) => iso(r.at) },
      ],
    },
    pageSize,
  );
}

async function csvOf(file: ReturnType<typeof memoryFile>) {
  let counted = 0;
  let text = "";
  for await (const part of file.csv((n) => (counted += n))) text += part;
  return { text, counted };
}

const row = (id: string, text: string | null, n = 1): Row => ({ id, text, n, ok: true, at: new Date("2026-11-24T09:30:00Z") });

describe("an export file", () => {
  it("writes a BOM, the header from its column names, and every row across pages, asking for each page after the last row", async () => {
    const rows = ["a", "b", "c", "d", "e"].map((id) => row(id, `text ${id}`));
    const seen: (string | undefined)[] = [];
    const { text, counted } = await csvOf(memoryFile(rows, 2, seen));
    expect(text.startsWith("\uFEFFid,text,n,ok,at\r\n")).toBe(true);
    const parsed = Papa.parse<string[]>(text.trim());
    expect(parsed.data.slice(1).map((r) => r[0])).toEqual(["a", "b", "c", "d", "e"]);
    expect(parsed.data[1]).toEqual(["a", "text a", "1", "true", "2026-11-24T09:30:00.000Z"]);
    expect(counted).toBe(5);
    expect(seen).toEqual([undefined, "b", "d"]);
  });

  it("stops after a full last page with one more query, and writes only the header for no rows", async () => {
    const seen: (string | undefined)[] = [];
    expect((await csvOf(memoryFile([row("a", "x"), row("b", "y")], 2, seen))).counted).toBe(2);
    expect(seen).toEqual([undefined, "b"]);
    expect((await csvOf(memoryFile([], 2))).text).toBe("\uFEFFid,text,n,ok,at\r\n");
  });

  it("quotes commas, quotes and line breaks so the text comes back exactly, and leaves empty values empty", async () => {
    const tricky = ["Smith, Jane", 'She said "hi"', "line one\r\nline two", "tab\there"];
    const { text } = await csvOf(memoryFile([...tricky.map((t, i) => row(`r${i}`, t)), { id: "z", text: null, n: 0, ok: false, at: null }], 1000));
    const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { header: false, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data.slice(1, 5).map((r) => r[1])).toEqual(tricky);
    expect(parsed.data[5]).toEqual(["z", "", "0", "false", ""]);
  });

  it("neutralises text a spreadsheet would run as a formula, on any line, but keeps negative numbers", async () => {
    const cells = ['=HYPERLINK("http://evil")', "+1+2", "-cmd", "@SUM(A1)", "\tindent", "fine\n=1+1", "-3", "-0.25"];
    const { text } = await csvOf(
      memoryFile(
        cells.map((t, i) => row(`r${i}`, t)),
        1000,
      ),
    );
    const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: true });
    expect(parsed.data.slice(1).map((r) => r[1])).toEqual([
      '\'=HYPERLINK("http://evil")',
      "'+1+2",
      "'-cmd",
      "'@SUM(A1)",
      "'\tindent",
      "'fine\n=1+1",
      "-3",
      "-0.25",
    ]);
  });

  it("refuses two columns with one name", () => {
    expect(() =>
      exportFile({
        name: "x.csv",
        description: "",
        count: async () => 0,
        page: async () => [],
        columns: [
          { name: "id", description: "", value: () => 1 },
          { name: "id", description: "", value: () => 2 },
        ],
      }),
    ).toThrow(/two columns share a name/);
  });

  it("writes moments in UTC and days as YYYY-MM-DD", () => {
    const at = new Date("2026-03-29T01:30:00+02:00");
    expect(iso(at)).toBe("2026-03-28T23:30:00.000Z");
    expect(day(new Date("2026-11-01T00:00:00Z"))).toBe("2026-11-01");
    expect(iso(null)).toBeNull();
  });
});
