import { describe, expect, it } from "vitest";
import { colorProblem } from "./brand";

describe("the brand colour rule", () => {
  it("accepts colours white text is readable on (WCAG AA, 4.5:1)", () => {
    for (const ok of ["#0f766e", "#115e59", "#1d5fd1", "#767676", "#000000"]) expect(colorProblem(ok)).toBeNull();
  });

  it("refuses a light colour and names its ratio", () => {
    expect(colorProblem("#7fb3ff")).toBe("#7fb3ff has 2.1:1 against white; pick a darker colour (4.5:1 needed).");
    expect(colorProblem("#777777")).toBe("#777777 has 4.4:1 against white; pick a darker colour (4.5:1 needed).");
    expect(colorProblem("#ffffff")).toMatch(/1\.0:1 against white/);
  });

  it("refuses what is not #rrggbb", () => {
    for (const bad of ["teal", "#fff", "0f766e", "#0f766e; background:url(x)"]) expect(colorProblem(bad)).toMatch(/six hex digits/);
  });
});
