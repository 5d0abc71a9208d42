import { describe, expect, it } from "vitest";
import { closestValue, editDistance, groupValues, matchesSomeone } from "./rule-values";
import { sameName } from "./rules";

const options = [
  { value: "Front Desk", people: 12 },
  { value: "Housekeeping", people: 30 },
  { value: "Warehouse", people: 4 },
  { value: "HR", people: 2 },
];

describe("matchesSomeone", () => {
  it("compares as rules do: case and spacing do not matter", () => {
    expect(matchesSomeone("front desk", options)).toBe(true);
    expect(matchesSomeone("  FRONT   Desk ", options)).toBe(true);
    expect(matchesSomeone("Front Dsk", options)).toBe(false);
    expect(matchesSomeone("Front Desk", [])).toBe(false);
  });
});

describe("closestValue", () => {
  it("suggests the existing value a typo most likely meant", () => {
    expect(closestValue("Front Dsk", options)).toBe("Front Desk");
    expect(closestValue("fornt desk", options)).toBe("Front Desk");
    expect(closestValue("Housekeping", options)).toBe("Housekeeping");
    expect(closestValue("warehose", options)).toBe("Warehouse");
  });

  it("returns the stored spelling of a loose match", () => {
    expect(closestValue("front  desk", options)).toBe("Front Desk");
  });

  it("suggests nothing when no value is close", () => {
    expect(closestValue("Kitchen", options)).toBeNull();
    expect(closestValue("Front", options)).toBeNull();
    expect(closestValue("IT", options)).toBeNull();
    expect(closestValue("", options)).toBeNull();
    expect(closestValue("Front Dsk", [])).toBeNull();
  });

  it("prefers the larger group when two are equally close", () => {
    expect(
      closestValue("Bar A", [
        { value: "Bar B", people: 1 },
        { value: "Bar C", people: 9 },
      ]),
    ).toBe("Bar C");
  });
});

describe("editDistance", () => {
  it("counts insertions, deletions, substitutions and swapped neighbours", () => {
    expect(editDistance("desk", "desk")).toBe(0);
    expect(editDistance("dsk", "desk")).toBe(1);
    expect(editDistance("dezk", "desk")).toBe(1);
    expect(editDistance("dsek", "desk")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
  });
});

describe("groupValues", () => {
  it("merges spellings rules treat as one, named by the most common, with everyone counted", () => {
    const grouped = groupValues([
      { value: "front desk", people: 2 },
      { value: "Front Desk", people: 10 },
      { value: "Front  Desk ", people: 1 },
      { value: "Bar", people: 3 },
      { value: null, people: 5 },
      { value: "  ", people: 1 },
    ]);
    expect(grouped).toEqual([
      { value: "Bar", people: 3 },
      { value: "Front Desk", people: 13 },
    ]);
    expect(sameName("Front  Desk ", grouped[1]!.value)).toBe(true);
  });
});
