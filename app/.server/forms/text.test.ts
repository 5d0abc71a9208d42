import { describe, expect, it } from "vitest";
import { CONTROL_CHARACTER_MESSAGE, LINE_BREAK_MESSAGE, text } from "./text";

const errorOf = (schema: ReturnType<typeof text>, value: string) => {
  const result = schema.safeParse(value);
  return result.success ? null : result.error.issues[0]?.message;
};

describe("text()", () => {
  it("trims, and keeps tab, line feed and carriage return in multi-line text", () => {
    expect(text({ multiline: true }).parse("  one\ttwo\r\nthree  ")).toBe("one\ttwo\r\nthree");
    expect(text().parse("  one line  ")).toBe("one line");
  });

  it.each(["\u0000", "\u0007", "\u001b[31m", "\u007f", "\u000b", "\u000c"])("refuses the control character %j", (c) => {
    expect(errorOf(text({ multiline: true }), `before${c}after`)).toBe(CONTROL_CHARACTER_MESSAGE);
    expect(errorOf(text(), `before${c}after`)).toBe(CONTROL_CHARACTER_MESSAGE);
  });

  it("refuses line breaks and tabs on one line", () => {
    expect(errorOf(text(), "one\ntwo")).toBe(LINE_BREAK_MESSAGE);
    expect(errorOf(text(), "one\ttwo")).toBe(CONTROL_CHARACTER_MESSAGE);
  });

  it("still chains length rules and keeps ordinary Unicode", () => {
    expect(errorOf(text().max(3, "Too long."), "abcd")).toBe("Too long.");
    expect(text().parse("Zoë — 東京 ✓")).toBe("Zoë — 東京 ✓");
  });
});
