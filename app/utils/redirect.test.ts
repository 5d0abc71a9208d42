import { describe, expect, it } from "vitest";
import { safeRedirect } from "./redirect";

describe("safeRedirect", () => {
  it("keeps local paths and refuses other sites", () => {
    expect(safeRedirect("/hr/people?q=a", "/")).toBe("/hr/people?q=a");
    expect(safeRedirect("//evil.test", "/")).toBe("/");
    expect(safeRedirect("https://evil.test", "/")).toBe("/");
    expect(safeRedirect("/\\evil.test", "/")).toBe("/");
    expect(safeRedirect(null, "/learn")).toBe("/learn");
  });

  it("refuses control characters that a browser would strip into another site's address", () => {
    expect(safeRedirect("/\t/evil.test", "/")).toBe("/");
    expect(safeRedirect("/\n/evil.test", "/")).toBe("/");
    expect(safeRedirect("/learn\u0000", "/")).toBe("/");
  });
});

describe("safeRedirect and addresses beyond ASCII", () => {
  it("percent-encodes them as UTF-8, as the browser would have sent them, so a Location header can carry them", () => {
    expect(safeRedirect("/learn/ü", "/")).toBe("/learn/%C3%BC");
    expect(safeRedirect("/€", "/")).toBe("/%E2%82%AC");
    expect(safeRedirect("/learn/日本語?q=ß#x", "/")).toBe("/learn/%E6%97%A5%E6%9C%AC%E8%AA%9E?q=%C3%9F#x");
    expect(() => new Headers({ Location: safeRedirect("/learn/日本語", "/") })).not.toThrow();
  });

  it("keeps escapes that are already there, and ASCII as it is", () => {
    expect(safeRedirect("/%E2%82%AC", "/")).toBe("/%E2%82%AC");
    expect(safeRedirect("/learn/a%20b?x=1&y=%C3%BC", "/")).toBe("/learn/a%20b?x=1&y=%C3%BC");
  });

  it("falls back for an address that has no UTF-8 form", () => {
    expect(safeRedirect("/learn/\uD800", "/learn")).toBe("/learn");
  });

  it("still refuses other sites hidden behind characters beyond ASCII", () => {
    expect(safeRedirect("//ü.evil.test", "/")).toBe("/");
    expect(safeRedirect("/\\ü.evil.test", "/")).toBe("/");
    // U+FF0F FULLWIDTH SOLIDUS is not a slash to a browser once encoded: this stays a path on our site.
    expect(safeRedirect("/\uFF0Fevil.test", "/")).toBe("/%EF%BC%8Fevil.test");
  });
});
