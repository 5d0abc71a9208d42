import { describe, expect, it } from "vitest";
import { IMPORT_LIMITS_TEXT, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, tooManyBytesMessage, tooManyRowsMessage } from "./limits";
import { sampleCsv } from "./sample";

describe("import size limits", () => {
  it("takes the 200,000-row file the import is benchmarked with, in bytes as in rows", () => {
    expect(MAX_IMPORT_ROWS).toBe(200_000);
    // About 21 MB generated; real exports have longer names and titles, hence the margin.
    expect(Buffer.byteLength(sampleCsv(MAX_IMPORT_ROWS, { bom: true }))).toBeLessThan(MAX_IMPORT_BYTES * 0.75);
  });

  it("states the limits, and says what to do when a file is over them", () => {
    expect(IMPORT_LIMITS_TEXT).toBe("Up to 200,000 people (rows) and 32 MB per file.");
    expect(tooManyBytesMessage()).toBe(
      "The file is larger than the 32 MB an import can take. Split it into smaller files and import each: nothing was imported.",
    );
    expect(tooManyBytesMessage(40 * 1024 * 1024)).toBe(
      "The file is 40.0 MB, more than the 32 MB an import can take. Split it into smaller files and import each: nothing was imported.",
    );
    expect(tooManyRowsMessage()).toBe(
      "The file lists more than 200,000 people, the most one import can take. Split it into smaller files and import each: nothing was imported.",
    );
  });
});
