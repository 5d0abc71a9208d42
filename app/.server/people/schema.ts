import { z } from "zod";
import { emptyToUndefined } from "../forms/parse";
import { text } from "../forms/text";

const ROLES = ["LEARNER", "MANAGER", "HR"] as const;

const optionalText = (max: number) => z.preprocess(emptyToUndefined, text().max(max).optional());

/**
 * A calendar day as a form sends it (YYYY-MM-DD), checked to exist before anything turns it into a Date:
 * "2026-02-31" would otherwise quietly become 3 March. Years outside 1900–2999 are typing mistakes here.
 */
export const CalendarDay = z
  .string({ required_error: "Use a date like 2026-03-31.", invalid_type_error: "Use a date like 2026-03-31." })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-03-31.")
  .superRefine((s, ctx) => {
    const d = new Date(`${s}T00:00:00.000Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) {
      ctx.addIssue({ code: "custom", message: "That date does not exist." });
    } else if (d.getUTCFullYear() < 1900 || d.getUTCFullYear() > 2999) {
      ctx.addIssue({ code: "custom", message: "Use a year from 1900 to 2999." });
    }
  });

/** A calendar day kept as midnight UTC, so it reads the same in every time zone. */
export const DateOnly = CalendarDay.transform((s) => new Date(`${s}T00:00:00.000Z`));

export const PersonInputSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address.").max(254),
  name: text().min(1, "Enter a name.").max(200),
  role: z.enum(ROLES, { errorMap: () => ({ message: "Choose a role." }) }),
  department: optionalText(100),
  jobTitle: optionalText(100),
  location: optionalText(100),
  startDate: z.preprocess(emptyToUndefined, DateOnly.optional()),
  managerId: optionalText(64),
});

export type PersonInput = z.infer<typeof PersonInputSchema>;

export const PeopleFilterSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  department: z.string().trim().max(100).optional().catch(undefined),
  location: z.string().trim().max(100).optional().catch(undefined),
  status: z.enum(["active", "not-invited", "deactivated", "all"]).default("active").catch("active"),
});

export type PeopleFilter = z.infer<typeof PeopleFilterSchema>;
