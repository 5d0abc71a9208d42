import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { unzip } from "../../../tests/integration/helpers/unzip";
import { exportFile } from "./columns";
import { exportZip } from "./zip";

/** A file of `n` numbered rows that fails when asked for page `failOnPage`. */
function numbers(name: string, n: number, failOnPage?: number) {
  let pages = 0;
  return exportFile<{ id: string }>(
    {
      name,
      description: `${n} numbers`,
      count: async () => n,
      page: async (after, take) => {
        if (++pages === failOnPage) throw new Error("the database went away");
        const from = after ? Number(after.id) + 1 : 0;
        return Array.from({ length: Math.max(0, Math.min(take, n - from)) }, (_, i) => ({ id: String(from + i) }));
      },
      columns: [{ name: "id", description: "The number.", value: (r) => r.id }],
    },
    10,
  );
}

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

describe("the export zip", () => {
  it("holds every file in order, then the README with the rows actually written", async () => {
    const at = new Date("2026-11-24T09:30:00Z");
    const files = await unzip(await collect(exportZip([numbers("a.csv", 25), numbers("b.csv", 0)], at, "1.2.3")));
    expect([...files.keys()]).toEqual(["a.csv", "b.csv", "README.md"]);
    expect(files.get("a.csv")!.toString("utf8").split("\r\n").filter(Boolean)).toHaveLength(26);
    const readme = files.get("README.md")!.toString("utf8");
    expect(readme).toContain('manifest: {"exportedAt":"2026-11-24T09:30:00.000Z","batonVersion":"1.2.3","rows":{"a.csv":25,"b.csv":0}}');
  });

  it("ends the download with an error, not a zip that looks whole, when reading fails part-way", async () => {
    await expect(collect(exportZip([numbers("a.csv", 25, 2)], new Date(), "1.2.3"))).rejects.toThrow("the database went away");
  });

  it("reads the database only as fast as the download takes the zip, and reads no more once the download is cancelled", async () => {
    let pages = 0;
    const big = exportFile<{ id: string; noise: string }>(
      {
        name: "big.csv",
        description: "Rows that do not compress.",
        count: async () => 100_000,
        page: async (after, take) => {
          pages += 1;
          const from = after ? Number(after.id) + 1 : 0;
          return Array.from({ length: take }, (_, i) => ({ id: String(from + i), noise: randomBytes(48).toString("hex") }));
        },
        columns: [
          { name: "id", description: "Id.", value: (r) => r.id },
          { name: "noise", description: "Noise.", value: (r) => r.noise },
        ],
      },
      100,
    );
    const stream = exportZip([big], new Date(), "1.2.3");
    stream.read();
    await once(stream, "readable");
    await new Promise((resolve) => setTimeout(resolve, 100));
    const readWhileWaiting = pages;
    // 100,000 rows are 1,000 pages (about 10 MB): waiting for a reader that takes nothing must not read them all.
    // What the streams hold meanwhile is the buffers' high-water marks, larger since Node 22 (about 40 pages on
    // Node 20, 120 on Node 24): a quarter of the file is far above both and far below "everything".
    expect(readWhileWaiting).toBeLessThan(250);
    stream.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pages).toBeLessThanOrEqual(readWhileWaiting + 1);
  });
});
