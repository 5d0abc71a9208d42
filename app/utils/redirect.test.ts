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
