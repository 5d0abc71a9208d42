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

const PositionSchema = z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(1000).optional());

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

/**
 * The curriculum form: a head (name, description, order, default due rule, validity and renewal notice) and one row
 * per catalog course (`course.<slug>.include`, `.position`, `.required`, `.renew`, `.dueKind`, `.dueDays`, `.dueDate`). Courses are
 * ordered by the position typed, then by catalog order.
 */
export function parseCurriculumForm(formData: FormData, catalogSlugs: string[]): Parsed<CurriculumInput> {
  const head = parseForm(formData, HeadSchema);
  const errors: FieldErrors = head.ok ? {} : { ...head.errors };
  if (head.ok && head.data.validityMonths && (head.data.renewalNoticeDays ?? 30) >= head.data.validityMonths * SHORTEST_MONTH_DAYS) {
    errors.renewalNoticeDays = `Give less notice than the validity: under ${head.data.validityMonths * SHORTEST_MONTH_DAYS} days for ${head.data.validityMonths} ${head.data.validityMonths === 1 ? "month" : "months"}.`;
  }
  const raw = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === "string"));
  const dueRule = readDue(raw, "", errors);

  const picked: (CurriculumCourseInput & { position: number; catalogIndex: number })[] = [];
  catalogSlugs.forEach((slug, catalogIndex) => {
    const p = `course.${slug}.`;
    if (raw[`${p}include`] !== "on") return;
    const position = PositionSchema.safeParse(raw[`${p}position`]);
    if (!position.success) errors[`${p}position`] = "Use a position from 1 to 1,000.";
    const courseDue = readDue(raw, p, errors);
    picked.push({
      slug,
      required: raw[`${p}required`] === "on",
      renew: raw[`${p}renew`] === "on",
      dueRule: courseDue,
      position: (position.success ? position.data : undefined) ?? 1000 + catalogIndex,
      catalogIndex,
    });
  });
  if (picked.length === 0) errors.courses = "Choose at least one course.";
  for (const key of Object.keys(raw)) {
    const slug = /^course\.(.+)\.include$/.exec(key)?.[1];
    if (slug && !catalogSlugs.includes(slug)) errors.courses = `The course "${slug}" is not in the library.`;
  }

  if (!head.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  const courses = picked
    .sort((a, b) => a.position - b.position || a.catalogIndex - b.catalogIndex)
    .map(({ slug, required, dueRule, renew }) => ({ slug, required, dueRule, renew }));
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

/** A stored curriculum as the flat field values of its form (the same names parseCurriculumForm reads). */
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

/** The values a submitted form carried, to show them again beside its errors. */
export const submittedValues = (formData: FormData): Record<string, string> =>
  Object.fromEntries([...formData.entries()].flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));
