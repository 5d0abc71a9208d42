/** Group assignment rules and whom they match. Pure. */
import { z } from "zod";
import type { AssignmentRuleKind } from "~/generated/prisma/enums";
import { DateOnly } from "../people/schema";

export type RulePerson = {
  department: string | null;
  jobTitle: string | null;
  location: string | null;
  role: string;
  startDate: Date | null;
  deactivatedAt: Date | null;
};

export type Rule = { kind: AssignmentRuleKind; value: string };

/** Names typed by hand and exported by HR systems differ in case and spacing: compare them loosely. */
export const sameName = (a: string | null, b: string) =>
  a !== null && a.trim().replace(/\s+/g, " ").toLowerCase() === b.trim().replace(/\s+/g, " ").toLowerCase();

/** Whether a rule gives this person its curriculum. Deactivated people receive nothing new. */
export function ruleMatches(rule: Rule, person: RulePerson): boolean {
  if (person.deactivatedAt) return false;
  switch (rule.kind) {
    case "DEPARTMENT":
      return sameName(person.department, rule.value);
    case "JOB_TITLE":
      return sameName(person.jobTitle, rule.value);
    case "LOCATION":
      return sameName(person.location, rule.value);
    case "ROLE":
      return person.role === rule.value;
    case "STARTING_FROM":
      // value is a YYYY-MM-DD day; start dates are midnight UTC, so the ISO day compares as text.
      return person.startDate !== null && person.startDate.toISOString().slice(0, 10) >= rule.value;
  }
}

const roleNames: Record<string, string> = { LEARNER: "new hires", MANAGER: "managers", HR: "HR" };

export function ruleLabel(rule: Rule): string {
  switch (rule.kind) {
    case "DEPARTMENT":
      return `Department: ${rule.value}`;
    case "JOB_TITLE":
      return `Job title: ${rule.value}`;
    case "LOCATION":
      return `Location: ${rule.value}`;
    case "ROLE":
      return `Role: ${roleNames[rule.value] ?? rule.value}`;
    case "STARTING_FROM":
      return `Everyone starting on or after ${rule.value}`;
  }
}

/** A rule as HR submits it; the value is normalised so that the same rule is recognised again. */
export const RuleInputSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("DEPARTMENT"), value: z.string().trim().min(1, "Choose a department.").max(100) }),
  z.object({ kind: z.literal("JOB_TITLE"), value: z.string().trim().min(1, "Choose a job title.").max(100) }),
  z.object({ kind: z.literal("LOCATION"), value: z.string().trim().min(1, "Choose a location.").max(100) }),
  z.object({ kind: z.literal("ROLE"), value: z.enum(["LEARNER", "MANAGER", "HR"], { errorMap: () => ({ message: "Choose a role." }) }) }),
  z.object({
    kind: z.literal("STARTING_FROM"),
    value: DateOnly.transform((d) => d.toISOString().slice(0, 10)),
  }),
]);

export type RuleInput = z.infer<typeof RuleInputSchema>;

export const sameRule = (a: Rule, b: Rule) =>
  a.kind === b.kind && (a.kind === "ROLE" || a.kind === "STARTING_FROM" ? a.value === b.value : sameName(a.value, b.value));
