import { readFileSync } from "node:fs";
import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { checkLogo, MAX_LOGO_BYTES } from "./logo";

const file = (path: string) => new Uint8Array(readFileSync(new URL(path, import.meta.url)));
const png = file("../../../prisma/demo-assets/harbour-logo.png");
const jpeg = file("./test-images/16x16.jpg");
const webp = file("./test-images/16x16.webp");
const text = (s: string) => new TextEncoder().encode(s);

/** A PNG signature and IHDR chunk claiming these dimensions: all a reader of the header looks at. */
function pngHeader(width: number, height: number): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const typed = Buffer.concat([Buffer.from("IHDR"), ihdr]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(13);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return new Uint8Array(Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), length, typed, crc]));
}

describe("checkLogo", () => {
  it("accepts PNG, JPEG and WebP, with the type and size read from the bytes", () => {
    expect(checkLogo(png)).toEqual({ ok: true, mimeType: "image/png", width: 96, height: 96 });
    expect(checkLogo(jpeg)).toEqual({ ok: true, mimeType: "image/jpeg", width: 16, height: 16 });
    expect(checkLogo(webp)).toEqual({ ok: true, mimeType: "image/webp", width: 16, height: 16 });
  });

  it("refuses SVG because it can carry scripts, with or without an XML declaration or BOM", () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><script>alert(1)</script></svg>';
    for (const bytes of [text(svg), text(`\uFEFF<?xml version="1.0"?>\n${svg}`), text(`  \n<!DOCTYPE svg>${svg}`)]) {
      const result = checkLogo(bytes);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/SVG logos are not accepted: an SVG file can carry scripts/);
    }
  });

  it("refuses a text file named .png (the name and the browser's type are never asked)", () => {
    expect(checkLogo(text("this is not an image, whatever the file name says\n"))).toEqual({
      ok: false,
      message: "This file is not an image Baton can read, whatever its name says. Upload a PNG, JPEG or WebP image.",
    });
  });

  it("refuses other image types by name", () => {
    const gif = text("GIF89a\x10\x00\x10\x00\x00\x00\x00;");
    expect(checkLogo(gif)).toMatchObject({ ok: false, message: expect.stringMatching(/^This file is a GIF image, whatever its name says/) });
  });

  it("refuses a file over 512 KB and says how large it is", () => {
    const big = new Uint8Array(MAX_LOGO_BYTES + 1);
    big.set(png);
    expect(checkLogo(big)).toMatchObject({ ok: false, message: expect.stringMatching(/^The file is 513 KB; a logo may be at most 512 KB\./) });
    const justFits = new Uint8Array(MAX_LOGO_BYTES);
    justFits.set(png);
    expect(checkLogo(justFits).ok).toBe(true);
  });

  it("refuses images larger than 2000 pixels a side or too small to see, and empty files", () => {
    expect(checkLogo(pngHeader(2400, 300))).toEqual({
      ok: false,
      message: "The image is 2400 × 300 pixels; at most 2000 pixels each side. Make it smaller and upload it again.",
    });
    expect(checkLogo(pngHeader(2000, 2000)).ok).toBe(true);
    expect(checkLogo(pngHeader(8, 8))).toMatchObject({ ok: false, message: expect.stringMatching(/at least 16 pixels/) });
    expect(checkLogo(new Uint8Array())).toEqual({ ok: false, message: "Choose an image file to upload." });
  });
});
