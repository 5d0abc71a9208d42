import { describe, expect, it } from "vitest";
import { nameKey, nameOrderFromHeader, personName } from "./names";
import { US_EXPORT, WORKDAY_EXPORT, readExport } from "./sample-exports";

describe("personName", () => {
  it("joins first and last name columns, collapsing whitespace", () => {
    const { rows } = readExport(WORKDAY_EXPORT);
    expect(rows.map((r) => personName({ first: r.values[1], last: r.values[2] }))).toEqual([
      "Lina Berg",
      "Tomás García",
      "Mei Chen",
      "Ola Nilsen",
      "Ravi Iyer",
    ]);
    expect(personName({ first: "  Mary  Ann ", last: " van der  Berg " })).toBe("Mary Ann van der Berg");
    expect(personName({ first: "Suharto", last: "" })).toBe("Suharto");
  });

  it("prefers split names when given and falls back to the full name when both are empty", () => {
    expect(personName({ full: "Ignored Full", first: "Amara", last: "Okafor" })).toBe("Amara Okafor");
    expect(personName({ full: "Amara Okafor", first: " ", last: "" })).toBe("Amara Okafor");
  });

  it("turns a 'Last, First' value round and keeps other full names as given", () => {
    const { rows } = readExport(US_EXPORT);
    expect(rows.map((r) => personName({ full: r.values[7] }))).toEqual(["", "Amara Okafor", "Amara Okafor", "Sam Lee", "amara okafor", "Amara Okafor"]);
    expect(personName({ full: "  Núñez,   José  María " })).toBe("José María Núñez");
    expect(personName({ full: "de la Cruz, Ana" }, "last-first")).toBe("Ana de la Cruz");
    expect(personName({ full: "Okafor Amara" }, "last-first")).toBe("Okafor Amara");
  });

  it("keeps a suffix after the comma, a value with two commas, and any value under a first-last header", () => {
    expect(personName({ full: "Sam Lee, Jr." })).toBe("Sam Lee, Jr.");
    expect(personName({ full: "Lee, Sam, PhD" })).toBe("Lee, Sam, PhD");
    expect(personName({ full: "Okafor, Amara" }, "first-last")).toBe("Okafor, Amara");
  });
});

describe("nameOrderFromHeader", () => {
  it("reads the order a name header states", () => {
    expect(
      ["Name (Last, First)", "Employee Name - Surname, Forename", "Name (First Last)", "Name", "First Name", "Last Name"].map(nameOrderFromHeader),
    ).toEqual(["last-first", "last-first", "first-last", undefined, undefined, undefined]);
  });
});

describe("nameKey", () => {
  it("compares names without case, accents, order around a comma or stray punctuation", () => {
    expect(["Okafor, Amara", "amara  OKAFOR", "Amara Okafor."].map(nameKey)).toEqual(["amara okafor", "amara okafor", "amara okafor"]);
    expect(nameKey("Núñez, José")).toBe(nameKey("Jose Nunez"));
    expect(nameKey("O’Brien-Walsh, Siobhán")).toBe("siobhan o'brien-walsh");
  });
});
