import { describe, expect, it } from "vitest";
import { EmailListSchema, builderStep, parseCurriculumForm, submittedValues } from "./schema";

const slugs = ["a", "b", "c"];
const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};

/** A form as the builder posts it: one `course` field per row, in order, then the other fields. */
const listForm = (courses: string[], fields: Record<string, string> = {}) => {
  const f = form({ name: "X", ...fields });
  for (const slug of courses) f.append("course", slug);
  return f;
};

/** The errors of a form with one course and these fields, or null when it parses. */
const errorsOf = (fields: Record<string, string>) => {
  const parsed = parseCurriculumForm(form({ name: "X", "course.a.include": "on", ...fields }), slugs);
  return parsed.ok ? null : parsed.errors;
};

describe("parseCurriculumForm", () => {
  it("older forms: orders chosen courses by the position typed, with their rules", () => {
    const parsed = parseCurriculumForm(
      form({
        name: " Front desk ",
        inOrder: "on",
        graceDays: "5",
        dueKind: "days",
        dueDays: "14",
        "course.a.include": "on",
        "course.a.position": "2",
        "course.a.required": "on",
        "course.c.include": "on",
        "course.c.position": "1",
        "course.c.required": "on",
        "course.c.dueKind": "date",
        "course.c.dueDate": "2027-01-31",
        "course.b.position": "1",
      }),
      slugs,
    );
    expect(parsed).toEqual({
      ok: true,
      data: {
        name: "Front desk",
        description: "",
        inOrder: true,
        graceDays: 5,
        dueRule: { kind: "days", days: 14 },
        courses: [
          { slug: "c", required: true, renew: false, dueRule: { kind: "date", date: new Date("2027-01-31T00:00:00Z") } },
          { slug: "a", required: true, renew: false, dueRule: null },
        ],
      },
    });
  });

  it("explains each mistake beside its field", () => {
    const parsed = parseCurriculumForm(
      form({
        name: "",
        dueKind: "days",
        dueDays: "-3",
        "course.a.include": "on",
        "course.a.required": "on",
        "course.a.dueKind": "date",
        "course.a.dueDate": "2027-02-30",
      }),
      slugs,
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toMatchObject({
      name: "Give the curriculum a name.",
      dueDays: "Use 0 or more days.",
      "course.a.dueDate": "That date does not exist.",
    });
  });

  it("reads the grace period, 3 days when the form has no such field", () => {
    const grace = (graceDays?: string) => {
      const parsed = parseCurriculumForm(form({ name: "X", "course.a.include": "on", ...(graceDays === undefined ? {} : { graceDays }) }), slugs);
      return parsed.ok ? parsed.data.graceDays : parsed.errors.graceDays;
    };
    expect(grace()).toBe(3);
    expect(grace(" 0 ")).toBe(0);
    expect(grace("60")).toBe(60);
  });

  it("refuses a grace period that is negative, over 60 days, fractional or not a number, beside the field", () => {
    const error = (graceDays: string) => {
      const parsed = parseCurriculumForm(form({ name: "X", "course.a.include": "on", graceDays }), slugs);
      return parsed.ok ? null : parsed.errors;
    };
    expect(error("-1")).toEqual({ graceDays: "Use 0 or more days." });
    expect(error("61")).toEqual({ graceDays: "Use at most 60 days." });
    expect(error("2.5")).toEqual({ graceDays: "Use whole days." });
    expect(error("three")).toEqual({ graceDays: "Enter the grace period as a number of days." });
    expect(error(" ")).toEqual({ graceDays: "Enter the grace period as a number of days." });
  });

  it("reads the validity in months (blank: no end), the renewal notice and the courses marked for renewal", () => {
    const parsed = parseCurriculumForm(
      form({
        name: "Food safety",
        validityMonths: " 12 ",
        renewalNoticeDays: "45",
        "course.a.include": "on",
        "course.a.required": "on",
        "course.a.renew": "on",
        "course.b.include": "on",
        "course.b.required": "on",
      }),
      slugs,
    );
    expect(parsed.ok ? parsed.data : parsed.errors).toMatchObject({
      validityMonths: 12,
      renewalNoticeDays: 45,
      courses: [
        { slug: "a", renew: true },
        { slug: "b", renew: false },
      ],
    });
    const blank = parseCurriculumForm(form({ name: "X", validityMonths: "", renewalNoticeDays: "30", "course.a.include": "on" }), slugs);
    expect(blank.ok ? blank.data.validityMonths : blank.errors).toBeNull();
    // An older form without the fields keeps what is stored.
    const absent = parseCurriculumForm(form({ name: "X", "course.a.include": "on" }), slugs);
    expect(absent.ok ? [absent.data.validityMonths, absent.data.renewalNoticeDays] : absent.errors).toEqual([undefined, undefined]);
  });

  it("refuses a validity of 0 or negative months, or beyond 10 years, beside the field", () => {
    expect(errorsOf({ validityMonths: "0" })).toEqual({ validityMonths: "Use at least 1 month, or leave it empty for no end." });
    expect(errorsOf({ validityMonths: "-6" })).toEqual({ validityMonths: "Use at least 1 month, or leave it empty for no end." });
    expect(errorsOf({ validityMonths: "121" })).toEqual({ validityMonths: "Use at most 120 months (10 years)." });
    expect(errorsOf({ validityMonths: "1.5" })).toEqual({ validityMonths: "Use whole months." });
    expect(errorsOf({ validityMonths: "a year" })).toEqual({ validityMonths: "Enter the validity as a number of months, or leave it empty." });
    expect(errorsOf({ validityMonths: "120" })).toBeNull();
  });

  it("refuses a renewal notice outside 1–365 days, or as long as the validity itself", () => {
    expect(errorsOf({ renewalNoticeDays: "0" })).toEqual({ renewalNoticeDays: "Use at least 1 day." });
    expect(errorsOf({ renewalNoticeDays: "366" })).toEqual({ renewalNoticeDays: "Use at most 365 days." });
    expect(errorsOf({ renewalNoticeDays: " " })).toEqual({ renewalNoticeDays: "Enter the renewal notice as a number of days." });
    expect(errorsOf({ validityMonths: "1", renewalNoticeDays: "28" })).toEqual({
      renewalNoticeDays: "Give less notice than the validity: under 28 days for 1 month.",
    });
    expect(errorsOf({ validityMonths: "1" })).toEqual({ renewalNoticeDays: "Give less notice than the validity: under 28 days for 1 month." });
    expect(errorsOf({ validityMonths: "1", renewalNoticeDays: "27" })).toBeNull();
    expect(errorsOf({ validityMonths: "24", renewalNoticeDays: "365" })).toBeNull();
  });

  it("needs at least one course from the library", () => {
    const none = parseCurriculumForm(form({ name: "X" }), slugs);
    expect(none).toEqual({ ok: false, errors: { courses: "Choose at least one course." } });
    const unknown = parseCurriculumForm(form({ name: "X", "course.a.include": "on", "course.zzz.include": "on" }), slugs);
    expect(unknown.ok ? null : unknown.errors.courses).toBe('The course "zzz" is not in the library.');
  });
});

describe("the builder's ordered list", () => {
  it("saves the courses in the order the list sends them, not in library order", () => {
    const parsed = parseCurriculumForm(listForm(["c", "a", "b"], { "course.c.required": "on", "course.b.required": "on" }), slugs);
    expect(parsed.ok ? parsed.data.courses : parsed.errors).toEqual([
      { slug: "c", required: true, renew: false, dueRule: null },
      { slug: "a", required: false, renew: false, dueRule: null },
      { slug: "b", required: true, renew: false, dueRule: null },
    ]);
  });

  it("older forms: two courses at the same typed position are refused, not put back in library order", () => {
    // The bug: the stored course keeps position 1 when another is typed as 1, and the tie went to library order.
    const parsed = parseCurriculumForm(
      form({ name: "X", "course.a.include": "on", "course.a.position": "1", "course.b.include": "on", "course.b.position": "1" }),
      slugs,
    );
    expect(parsed).toEqual({ ok: false, errors: { "course.b.position": "Another course already has position 1: give each course its own." } });
  });

  it("refuses a course that is not in the library, or listed twice, saving nothing", () => {
    expect(parseCurriculumForm(listForm(["a", "zzz"]), slugs)).toEqual({ ok: false, errors: { courses: 'The course "zzz" is not in the library.' } });
    expect(parseCurriculumForm(listForm(["a", "b", "a"]), slugs)).toEqual({
      ok: false,
      errors: { courses: 'The course "a" is in the list twice: keep it once.' },
    });
    expect(parseCurriculumForm(listForm([""]), slugs)).toEqual({ ok: false, errors: { courses: "A course in the list has no name." } });
  });

  it("gives an optional course no due date, ignoring what its hidden due fields held", () => {
    const fields = {
      "course.a.dueKind": "date",
      "course.a.dueDate": "2027-02-30",
      "course.b.required": "on",
      "course.b.dueKind": "days",
      "course.b.dueDays": "7",
    };
    const parsed = parseCurriculumForm(listForm(["a", "b"], fields), slugs);
    expect(parsed.ok ? parsed.data.courses.map((c) => [c.slug, c.dueRule]) : parsed.errors).toEqual([
      ["a", null],
      ["b", { kind: "days", days: 7 }],
    ]);
    // Required, the same fields are checked.
    const required = parseCurriculumForm(listForm(["a"], { ...fields, "course.a.required": "on" }), slugs);
    expect(required.ok ? null : required.errors).toEqual({ "course.a.dueDate": "That date does not exist." });
  });

  it("shows a refused list again as sent, unticked boxes unticked", () => {
    expect(submittedValues(listForm(["b", "a"], { "course.a.required": "on" }), slugs)).toMatchObject({
      courseOrder: "b a",
      "course.a.required": "on",
      "course.b.required": "",
      "course.b.renew": "",
    });
  });

  it("without JavaScript, moves, removes and adds a course without saving", () => {
    const step = (builder: string, extra: Record<string, string> = {}) => {
      const f = listForm(["a", "b", "c"], { builder, ...extra });
      return builderStep(f, slugs)?.courseOrder;
    };
    expect(step("up:b")).toBe("b a c");
    expect(step("down:b")).toBe("a c b");
    expect(step("up:a")).toBe("a b c");
    expect(step("down:c")).toBe("a b c");
    expect(step("remove:b")).toBe("a c");
    expect(step("up:zzz")).toBe("a b c");
    const added = builderStep(listForm(["a"], { builder: "add", add: "c" }), slugs);
    expect(added).toMatchObject({ courseOrder: "a c", "course.c.required": "on" });
    expect(builderStep(listForm(["a"], { builder: "add", add: "zzz" }), slugs)?.courseOrder).toBe("a");
    expect(builderStep(listForm(["a"]), slugs)).toBeNull();
  });
});

describe("EmailListSchema", () => {
  it("splits, lower-cases and de-duplicates emails", () => {
    expect(EmailListSchema.parse("Ana@x.test, bo@x.test\nana@x.test; cy@x.test")).toEqual(["ana@x.test", "bo@x.test", "cy@x.test"]);
  });
  it("names the entries that are not emails", () => {
    const r = EmailListSchema.safeParse("ana@x.test, nope");
    expect(r.success ? null : r.error.issues[0]?.message).toBe("Not an email address: nope");
    expect(EmailListSchema.safeParse("  ").success).toBe(false);
  });
});
