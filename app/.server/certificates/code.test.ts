import { describe, expect, it } from "vitest";
import { CODE_ALPHABET, formatCode, newCertificateCode, normaliseCode } from "./code";

describe("certificate codes", () => {
  it("are 16 characters from a base32 alphabet without 0/O/1/I", () => {
    expect(CODE_ALPHABET).toHaveLength(32);
    expect(new Set(CODE_ALPHABET).size).toBe(32);
    for (const ch of "0O1I") expect(CODE_ALPHABET).not.toContain(ch);
    const codes = Array.from({ length: 200 }, newCertificateCode);
    for (const code of codes) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{16}$/);
    expect(new Set(codes).size).toBe(200);
  });

  it("print in four groups of four", () => {
    expect(formatCode("ABCDEFGHJKLMNPQR")).toBe("ABCD-EFGH-JKLM-NPQR");
  });

  it("are read back in any case, with or without dashes or spaces", () => {
    for (const typed of ["ABCD-EFGH-JKLM-NPQR", "abcdefghjklmnpqr", "abcd efgh-JKLM nPqR"]) expect(normaliseCode(typed)).toBe("ABCDEFGHJKLMNPQR");
  });

  it("refuse what cannot be a code", () => {
    for (const typed of ["", "ABCD-EFGH-JKLM", "ABCD-EFGH-JKLM-NPQRS", "ABCD-EFGH-JKLM-NPQ0", "ABCD-EFGH-JKLM-NPQI", "../../etc/passwd"])
      expect(normaliseCode(typed)).toBeNull();
  });
});
