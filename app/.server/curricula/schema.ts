import { z } from "zod";
import { emptyToUndefined, parseForm, type FieldErrors, type Parsed } from "../forms/parse";
import { text } from "../forms/text";
import { DateOnly } from "../people/schema";
import type { DueRule } from "./due-dates";

/** `renew`: taken again when a certificate is renewed (none marked: every required course). */
type CurriculumCourseInput = { slug: string; required: boolean; dueRule: DueRule | null; renew?: boolean };

export type CurriculumInput = {
  name: string;
  description: string;
  inOrder: boolean;
  dueRule: DueRule | null;
  /** Days after someone receives the curriculum before they can be flagged At risk; absent keeps the stored value (3 when new). */
  graceDays?: number;
  /** Months a completion stays valid (null: without end); absent keeps the stored value (none when new). */
  validityMonths?: number | null;
  /** Days before the end when renewal opens; absent keeps the stored value (30 when new). */
  renewalNoticeDays?: number;
  /** In the order the learner takes them. */
  courses: CurriculumCourseInput[];
};

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === "yes", z.boolean());

/** A typed number: absent stays absent (an older form, a script), blank becomes `blank`, anything else a number or NaN. */
const typedNumber = (blank: null | number) => (v: unknown) => (typeof v === "string" ? (v.trim() === "" ? blank : Number(v)) : v);

const HeadSchema = z.object({
  name: text().min(1, "Give the curriculum a name.").max(120, "Keep the name under 120 characters."),
  description: z.preprocess((v) => v ?? "", text({ multiline: true }).max(2000, "Keep the description under 2,000 characters.")),
  inOrder: checkbox,
  // Absent (an older form, a script) means the default; a field left blank or not a number is a mistake to show.
  graceDays: z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? Number.NaN : Number(v)) : v),
    z
      .number({ invalid_type_error: "Enter the grace period as a number of days." })
      .int("Use whole days.")
      .min(0, "Use 0 or more days.")
      .max(60, "Use at most 60 days.")
      .default(3),
  ),
  // Blank: valid without end. Zero or less would expire a certificate on the day it is issued.
  validityMonths: z.preprocess(
    typedNumber(null),
    z
      .number({ invalid_type_error: "Enter the validity as a number of months, or leave it empty." })
      .int("Use whole months.")
      .min(1, "Use at least 1 month, or leave it empty for no end.")
      .max(120, "Use at most 120 months (10 years).")
      .nullable()
      .optional(),
  ),
  renewalNoticeDays: z.preprocess(
    typedNumber(Number.NaN),
    z
      .number({ invalid_type_error: "Enter the renewal notice as a number of days." })
      .int("Use whole days.")
      .min(1, "Use at least 1 day.")
      .max(365, "Use at most 365 days.")
      .optional(),
  ),
});

/** The shortest month: a notice this long or longer would open the renewal as soon as the certificate is issued. */
const SHORTEST_MONTH_DAYS = 28;

const DueSchema = z.discriminatedUnion("dueKind", [
  z.object({ dueKind: z.enum(["none", "curriculum"]) }),
  z.object({
    dueKind: z.literal("days"),
    dueDays: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ required_error: "Enter a number of days.", invalid_type_error: "Enter a number of days." })
        .int("Use whole days.")
        .min(0, "Use 0 or more days.")
        .max(3650, "Use at most 3,650 days."),
    ),
  }),
  z.object({ dueKind: z.literal("date"), dueDate: z.preprocess((v) => v ?? "", DateOnly) }),
]);

function readDue(raw: Record<string, unknown>, prefix: string, errors: FieldErrors): DueRule | null {
  const parsed = DueSchema.safeParse({
    dueKind: raw[`${prefix}dueKind`] || "none",
    dueDays: raw[`${prefix}dueDays`],
    dueDate: raw[`${prefix}dueDate`],
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path[0] === "dueKind" ? "dueKind" : issue?.path[0] === "dueDate" ? "dueDate" : "dueDays";
    errors[`${prefix}${field}`] = field === "dueKind" ? "Choose a due rule." : (issue?.message ?? "Check this value.");
    return null;
  }
  const d = parsed.data;
  if (d.dueKind === "days") return { kind: "days", days: d.dueDays };
  if (d.dueKind === "date") return { kind: "date", date: d.dueDate };
  return null;
}

const PositionSchema = z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(1000).optional());

/** A curriculum holds at most this many courses: more than any library has, and a bound on what a post may list. */
const MAX_COURSES = 200;

/** The builder's list: one `course` field per row, holding the course's slug, in the order the learner takes them. */
const CourseListSchema = z
  .array(z.string().trim().min(1, "A course in the list has no name.").max(200, "A course in the list has a name too long to be real."))
  .max(MAX_COURSES, `Keep a curriculum to ${MAX_COURSES} courses or fewer.`);

/** One chosen course's own fields; an optional course has no due date, so its due fields are ignored. */
function readCourse(raw: Record<string, unknown>, slug: string, errors: FieldErrors): CurriculumCourseInput {
  const p = `course.${slug}.`;
  const required = raw[`${p}required`] === "on";
  return { slug, required, renew: raw[`${p}renew`] === "on", dueRule: required ? readDue(raw, p, errors) : null };
}

/** The slugs of the builder's list, checked against the library: unknown or repeated courses are mistakes to show. */
function readCourseList(formData: FormData, catalogSlugs: string[], errors: FieldErrors): string[] {
  const listed = CourseListSchema.safeParse(formData.getAll("course").filter((v) => typeof v === "string"));
  if (!listed.success) {
    errors.courses = listed.error.issues[0]?.message ?? "Check the list of courses.";
    return [];
  }
  const unknown = listed.data.find((slug) => !catalogSlugs.includes(slug));
  const repeated = listed.data.find((slug, i) => listed.data.indexOf(slug) !== i);
  if (unknown !== undefined) errors.courses = `The course "${unknown}" is not in the library.`;
  else if (repeated !== undefined) errors.courses = `The course "${repeated}" is in the list twice: keep it once.`;
  return listed.data;
}

/**
 * The older form (scripts and tests post it): `course.<slug>.include` per chosen course, ordered by `.position`,
 * then by catalog order when no position is given. Two courses given the same position are refused: a tie used
 * to fall back to catalog order, which undid the position someone had just typed.
 */
function readIncludedCourses(raw: Record<string, unknown>, catalogSlugs: string[], errors: FieldErrors): string[] {
  const picked: { slug: string; position: number | undefined; catalogIndex: number }[] = [];
  catalogSlugs.forEach((slug, catalogIndex) => {
    const p = `course.${slug}.`;
    if (raw[`${p}include`] !== "on") return;
    const position = PositionSchema.safeParse(raw[`${p}position`]);
    if (!position.success) errors[`${p}position`] = "Use a position from 1 to 1,000.";
    picked.push({ slug, position: position.success ? position.data : undefined, catalogIndex });
  });
  for (const [i, a] of picked.entries()) {
    const b = picked.slice(i + 1).find((o) => a.position !== undefined && o.position === a.position);
    if (b) errors[`course.${b.slug}.position`] = `Another course already has position ${a.position}: give each course its own.`;
  }
  for (const key of Object.keys(raw)) {
    const slug = /^course\.(.+)\.include$/.exec(key)?.[1];
    if (slug && !catalogSlugs.includes(slug)) errors.courses = `The course "${slug}" is not in the library.`;
  }
  return picked
    .sort((a, b) => (a.position ?? 1000 + a.catalogIndex) - (b.position ?? 1000 + b.catalogIndex) || a.catalogIndex - b.catalogIndex)
    .map((c) => c.slug);
}

/**
 * The curriculum form: a head (name, description, order, default due rule, validity and renewal notice) and the
 * list of courses. The builder posts `course` once per row, in order (the order saved is the order sent); each
 * course has `course.<slug>.required`, `.renew`, `.dueKind`, `.dueDays`, `.dueDate`. A form without `course`
 * fields is read the older way (see readIncludedCourses).
 */
export function parseCurriculumForm(formData: FormData, catalogSlugs: string[]): Parsed<CurriculumInput> {
  const head = parseForm(formData, HeadSchema);
  const errors: FieldErrors = head.ok ? {} : { ...head.errors };
  if (head.ok && head.data.validityMonths && (head.data.renewalNoticeDays ?? 30) >= head.data.validityMonths * SHORTEST_MONTH_DAYS) {
    errors.renewalNoticeDays = `Give less notice than the validity: under ${head.data.validityMonths * SHORTEST_MONTH_DAYS} days for ${head.data.validityMonths} ${head.data.validityMonths === 1 ? "month" : "months"}.`;
  }
  const raw = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === "string"));
  const dueRule = readDue(raw, "", errors);
  const slugs = formData.has("course") ? readCourseList(formData, catalogSlugs, errors) : readIncludedCourses(raw, catalogSlugs, errors);
  if (slugs.length === 0) errors.courses ??= "Choose at least one course.";
  const courses = errors.courses ? [] : slugs.map((slug) => readCourse(raw, slug, errors));

  if (!head.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, data: { ...head.data, dueRule, courses } };
}

/** "Several people": emails separated by commas, semicolons, spaces or new lines. */
export const EmailListSchema = z
  .string({ required_error: "Enter at least one email address." })
  .transform((s) => [
    ...new Set(
      s
        .split(/[\s,;]+/)
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean),
    ),
  ])
  .superRefine((emails, ctx) => {
    if (emails.length === 0) ctx.addIssue({ code: "custom", message: "Enter at least one email address." });
    if (emails.length > 1000) ctx.addIssue({ code: "custom", message: "Assign at most 1,000 people at once; use a rule for larger groups." });
    const bad = emails.filter((e) => !z.string().email().safeParse(e).success);
    if (bad.length > 0) ctx.addIssue({ code: "custom", message: `Not an email address: ${bad.slice(0, 5).join(", ")}` });
  });

const dayText = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "");

/**
 * A stored curriculum as the flat field values of its form (the same names parseCurriculumForm reads; the
 * `include`/`position` pairs make them a valid older-style form too), with `courseOrder`: the slugs in order.
 */
export function curriculumFormValues(c: {
  name: string;
  description: string;
  inOrder: boolean;
  dueDays: number | null;
  dueDate: Date | null;
  graceDays: number;
  validityMonths: number | null;
  renewalNoticeDays: number;
  courses: { courseSlug: string; position: number; required: boolean; renew: boolean; dueDays: number | null; dueDate: Date | null }[];
}): Record<string, string> {
  const kind = (r: { dueDays: number | null; dueDate: Date | null }, none: string) => (r.dueDate ? "date" : r.dueDays !== null ? "days" : none);
  const values: Record<string, string> = {
    name: c.name,
    description: c.description,
    inOrder: c.inOrder ? "on" : "",
    graceDays: String(c.graceDays),
    validityMonths: c.validityMonths?.toString() ?? "",
    renewalNoticeDays: String(c.renewalNoticeDays),
    dueKind: kind(c, "none"),
    dueDays: c.dueDays?.toString() ?? "",
    dueDate: dayText(c.dueDate),
    courseOrder: c.courses.map((cc) => cc.courseSlug).join(" "),
  };
  for (const cc of c.courses) {
    const p = `course.${cc.courseSlug}.`;
    Object.assign(values, {
      [`${p}include`]: "on",
      [`${p}position`]: String(cc.position),
      [`${p}required`]: cc.required ? "on" : "",
      [`${p}renew`]: cc.renew ? "on" : "",
      [`${p}dueKind`]: kind(cc, "curriculum"),
      [`${p}dueDays`]: cc.dueDays?.toString() ?? "",
      [`${p}dueDate`]: dayText(cc.dueDate),
    });
  }
  return values;
}

/** The slugs a submitted form listed, in order (older forms: the included courses by position). */
function submittedOrder(formData: FormData, catalogSlugs: string[]): string[] {
  if (formData.has("course")) return formData.getAll("course").filter((v): v is string => typeof v === "string");
  const raw = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === "string"));
  return readIncludedCourses(raw, catalogSlugs, {});
}

/**
 * The values a submitted form carried, to show them again beside its errors: `courseOrder` holds the list, and each
 * listed course's unticked boxes are written as "" (a missing box would otherwise show its default, ticked).
 */
export function submittedValues(formData: FormData, catalogSlugs: string[]): Record<string, string> {
  const values: Record<string, string> = Object.fromEntries(
    [...formData.entries()].flatMap(([k, v]) => (typeof v === "string" && k !== "course" ? [[k, v]] : [])),
  );
  const order = submittedOrder(formData, catalogSlugs);
  for (const slug of order) for (const box of ["required", "renew"]) values[`course.${slug}.${box}`] ??= "";
  return { ...values, courseOrder: order.join(" ") };
}

const BuilderStepSchema = z.union([
  z.object({ step: z.literal("add"), add: z.string().max(200) }),
  z
    .string()
    .regex(/^(up|down|remove):.{1,200}$/)
    .transform((v) => ({ step: v.slice(0, v.indexOf(":")), slug: v.slice(v.indexOf(":") + 1) })),
]);

/**
 * Without JavaScript the builder's buttons (Move up, Move down, Remove, Add course) post the form with `builder`
 * naming the step: the answer is the same form with the list changed, nothing saved. Null when the post is a save.
 */
export function builderStep(formData: FormData, catalogSlugs: string[]): Record<string, string> | null {
  const builder = formData.get("builder");
  if (typeof builder !== "string") return null;
  const values = submittedValues(formData, catalogSlugs);
  const order = values.courseOrder!.split(" ").filter(Boolean);
  const parsed = BuilderStepSchema.safeParse(builder === "add" ? { step: "add", add: formData.get("add") ?? "" } : builder);
  if (!parsed.success) return values;
  const step = parsed.data;
  if ("add" in step) {
    if (catalogSlugs.includes(step.add) && !order.includes(step.add)) {
      order.push(step.add);
      values[`course.${step.add}.required`] = "on";
    }
  } else {
    const at = order.indexOf(step.slug);
    const to = step.step === "up" ? at - 1 : at + 1;
    if (at >= 0 && step.step === "remove") order.splice(at, 1);
    else if (at >= 0 && to >= 0 && to < order.length) [order[at], order[to]] = [order[to]!, order[at]!];
  }
  return { ...values, courseOrder: order.join(" ") };
}
