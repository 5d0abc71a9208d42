/**
 * SCIM list filters (RFC 7644 §3.4.2.2), parsed by scimmy and narrowed to what identity providers send when they look
 * for a person before creating one: `userName eq "…"` and `externalId eq "…"`, joined with `and` / `or`.
 */
import SCIMMY from "scimmy";
import type { Prisma } from "~/generated/prisma/client";

export type FilterOutcome = { kind: "ok"; where: Prisma.PersonWhereInput } | { kind: "invalid"; detail: string };

const SUPPORTED = 'Baton supports filters on userName and externalId with "eq", joined by "and" or "or".';

type Comparison = [string, ...unknown[]];

/** One attribute's conditions in a conjunction: a single comparison, or a list when the attribute repeats. */
function comparisons(value: unknown): Comparison[] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  if (value.every((v) => Array.isArray(v))) return value as Comparison[];
  return typeof value[0] === "string" ? [value as Comparison] : null;
}

function condition(attribute: string, value: unknown): Prisma.PersonWhereInput[] | string {
  const name = attribute.toLowerCase();
  if (name !== "username" && name !== "externalid") return `Filtering on "${attribute}" is not supported. ${SUPPORTED}`;
  const list = comparisons(value);
  if (!list) return `Filtering on "${attribute}" is not supported. ${SUPPORTED}`;
  const out: Prisma.PersonWhereInput[] = [];
  for (const [op, operand, ...rest] of list) {
    if (op.toLowerCase() !== "eq" || rest.length > 0) return `The operator "${op}" is not supported. ${SUPPORTED}`;
    if (typeof operand !== "string") return `Compare ${attribute} with a quoted string, e.g. ${attribute} eq "value".`;
    // userName is the e-mail, stored in lower case (case-insensitive, RFC 7643 §4.1.1); externalId is exact.
    out.push(name === "username" ? { email: operand.trim().toLowerCase() } : { employeeId: operand });
  }
  return out;
}

/** Parses a filter into a Prisma condition on Person, or explains why it cannot be used. */
export function parseUserFilter(text: string): FilterOutcome {
  // scimmy reads a dangling "and"/"or" as if it were not there; a client that sends one meant something else.
  if (/\b(and|or|not)\s*$/i.test(text.trim())) return { kind: "invalid", detail: "The filter ends with a logical operator and no expression after it." };
  let parsed: SCIMMY.Types.Filter;
  try {
    parsed = new SCIMMY.Types.Filter(text);
  } catch (error) {
    return { kind: "invalid", detail: `The filter could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  // scimmy gives the filter as an OR of ANDs: each element an object of attribute → comparison(s).
  const anyOf: Prisma.PersonWhereInput[] = [];
  for (const conjunction of parsed) {
    if (typeof conjunction !== "object" || conjunction === null) return { kind: "invalid", detail: SUPPORTED };
    const allOf: Prisma.PersonWhereInput[] = [];
    for (const [attribute, value] of Object.entries(conjunction as Record<string, unknown>)) {
      const result = condition(attribute, value);
      if (typeof result === "string") return { kind: "invalid", detail: result };
      allOf.push(...result);
    }
    if (allOf.length === 0) return { kind: "invalid", detail: SUPPORTED };
    anyOf.push({ AND: allOf });
  }
  if (anyOf.length === 0) return { kind: "invalid", detail: SUPPORTED };
  return { kind: "ok", where: anyOf.length === 1 ? anyOf[0]! : { OR: anyOf } };
}
