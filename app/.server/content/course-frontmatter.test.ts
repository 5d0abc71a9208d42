import { describe, expect, it } from "vitest";
import { CourseFrontmatterSchema } from "./schema";

const front = { title: "T", summary: "S", audience: "All new hires", minutes: 10, passMark: 80, attemptLimit: 3, owner: "People & Culture" };

describe("the course front file's feedback fields", () => {
  it("needs a confidence question and takes the owner's e-mail, lower-cased", () => {
    const parsed = CourseFrontmatterSchema.parse({ ...front, confidence: "How confident are you to hand work over?", ownerEmail: " Marcus.Bell@Baton.test " });
    expect(parsed).toMatchObject({ confidence: "How confident are you to hand work over?", ownerEmail: "marcus.bell@baton.test" });
    expect(CourseFrontmatterSchema.parse({ ...front, confidence: "Ready?" }).ownerEmail).toBeUndefined();
  });

  it("refuses a missing question, a statement and an owner that is not an e-mail", () => {
    const issues = (input: object) => CourseFrontmatterSchema.safeParse(input).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(issues(front)).toEqual(["confidence: Required"]);
    expect(issues({ ...front, confidence: "You are confident." })).toEqual(["confidence: end the confidence question with a question mark"]);
    expect(issues({ ...front, confidence: "Ready?", ownerEmail: "People & Culture" })).toEqual(["ownerEmail: use the course owner's e-mail address"]);
  });
});
