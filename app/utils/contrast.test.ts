import { describe, expect, it } from "vitest";
import { contrastWithWhite, formatRatio, isHexColor, relativeLuminance } from "./contrast";

describe("contrast against white (WCAG 2)", () => {
  it("gives the luminance and ratios of the reference colours", () => {
    expect(relativeLuminance("#ffffff")).toBeCloseTo(1, 5);
    expect(relativeLuminance("#000000")).toBe(0);
    expect(contrastWithWhite("#000000")).toBeCloseTo(21, 5);
    expect(contrastWithWhite("#ffffff")).toBeCloseTo(1, 5);
    // Published values: #767676 is the lightest grey that passes AA on white (4.54:1), #777777 just fails (4.48:1).
    expect(contrastWithWhite("#767676")).toBeCloseTo(4.54, 2);
    expect(contrastWithWhite("#777777")).toBeCloseTo(4.48, 2);
  });

  it("reads upper- and lower-case hex alike", () => {
    expect(contrastWithWhite("#1D5FD1")).toBe(contrastWithWhite("#1d5fd1"));
  });

  it("rounds the ratio down, so a refused colour never shows as 4.5:1", () => {
    expect(formatRatio(contrastWithWhite("#777777"))).toBe("4.4:1");
    expect(formatRatio(21)).toBe("21.0:1");
  });

  it("accepts only #rrggbb", () => {
    expect(isHexColor("#0f766e")).toBe(true);
    for (const bad of ["0f766e", "#fff", "#0f766e0", "teal", "#0g766e", ""]) expect(isHexColor(bad)).toBe(false);
  });
});
