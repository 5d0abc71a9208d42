import { z } from "zod";
import { emptyToUndefined } from "../forms/parse";

export const ROLES = ["LEARNER", "MANAGER", "HR"] as const;

const optionalText = (max: number) => z.preprocess(emptyToUndefined, z.string().trim().max(max).optional());

/** A calendar date (YYYY-MM-DD) kept as midnight UTC, so it reads the same in every time zone. */
export const DateOnly = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-03-31.")
  .transform((s, ctx) => {
    const d = new Date(`${s}T00:00:00.000Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) {
      ctx.addIssue({ code: "custom", message: "That date does not exist." });
      return z.NEVER;
    }
    return d;
  });

export const PersonInputSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address.").max(254),
  name: z.string().trim().min(1, "Enter a name.").max(200),
  role: z.enum(ROLES, { errorMap: () => ({ message: "Choose a role." }) }),
  department: optionalText(100),
  jobTitle: optionalText(100),
  startDate: z.preprocess(emptyToUndefined, DateOnly.optional()),
  managerId: optionalText(64),
});

export type PersonInput = z.infer<typeof PersonInputSchema>;

export const PeopleFilterSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  department: z.string().trim().max(100).optional().catch(undefined),
  status: z.enum(["active", "not-invited", "deactivated", "all"]).default("active").catch("active"),
});

export type PeopleFilter = z.infer<typeof PeopleFilterSchema>;
