/**
 * The column mapping: which header of a file feeds which of Baton's fields. `proposeMapping` guesses from the
 * header names; HR confirms or changes it; `checkMapping` refuses a mapping the import could not read safely.
 * A mapping is plain JSON, `{ [field]: headerName }`, so a saved mapping still fits next week's export even
 * when the columns move.
 */
import { z } from "zod";
import type { CsvProblem } from "../csv";
import { FIELD_SPECS, IMPORT_FIELDS, MANAGER_FIELDS, byField, fieldForHeader, type ImportField } from "./fields";

export type Mapping = Partial<Record<ImportField, string>>;

export type FieldMatch = { index: number; header: string; confidence: "exact" | "weak" };

export type MappingProposal = {
  headers: string[];
  /** Per field, the column proposed for it, or null. */
  fields: Record<ImportField, FieldMatch | null>;
  /** Header names of the columns the proposal leaves out (ignored by the import, listed in the preview). */
  unmapped: string[];
  /** Fields that two or more columns fit equally well: the first is proposed, HR must confirm. */
  ties: { field: ImportField; headers: string[] }[];
  /** Columns set aside by a rule (a second manager column, a full name beside first + last), said in words. */
  notes: string[];
};

const label = (field: ImportField) => FIELD_SPECS[field].label;

/** Header names as a saved mapping compares them: spacing and case do not matter, spelling does. */
const headerKey = (header: string) => header.trim().replace(/\s+/g, " ").toLowerCase();

export function proposeMapping(headers: string[]): MappingProposal {
  const candidates = new Map<ImportField, FieldMatch[]>();
  headers.forEach((header, index) => {
    const match = fieldForHeader(header);
    if (match) candidates.set(match.field, [...(candidates.get(match.field) ?? []), { index, header: header.trim(), confidence: match.confidence }]);
  });

  const fields = byField((): FieldMatch | null => null);
  const ties: MappingProposal["ties"] = [];
  const notes: string[] = [];
  for (const [field, found] of candidates) {
    const exact = found.filter((m) => m.confidence === "exact");
    const best = exact.length > 0 ? exact : found;
    fields[field] = best[0]!;
    if (best.length > 1) ties.push({ field, headers: best.map((m) => m.header) });
  }

  // First + last name are kept when both are there: a full-name column beside them is usually a display form.
  if (fields.fullName && fields.firstName && fields.lastName) {
    notes.push(`“${fields.fullName.header}” is left out: the name is built from “${fields.firstName.header}” and “${fields.lastName.header}”.`);
    fields.fullName = null;
  } else if (fields.fullName && (fields.firstName || fields.lastName)) {
    const lone = (fields.firstName ?? fields.lastName)!;
    notes.push(`“${lone.header}” is left out: the name is read from “${fields.fullName.header}”.`);
    fields.firstName = null;
    fields.lastName = null;
  }

  // One manager column: an exact alias before a guess, then in MANAGER_FIELDS' order.
  const managers = MANAGER_FIELDS.filter((f) => fields[f]).sort((a, b) => Number(fields[a]!.confidence === "weak") - Number(fields[b]!.confidence === "weak"));
  for (const dropped of managers.slice(1)) {
    notes.push(`“${fields[dropped]!.header}” is left out: the manager is read from “${fields[managers[0]!]!.header}” (${label(managers[0]!)}).`);
    fields[dropped] = null;
  }

  const used = new Set(IMPORT_FIELDS.flatMap((f) => (fields[f] ? [fields[f].index] : [])));
  const unmapped = headers.flatMap((h, i) => (used.has(i) || h.trim() === "" ? [] : [h.trim()]));
  return {
    headers,
    fields,
    unmapped,
    // A tie on a column a rule then left out (two full-name columns beside first + last) decides nothing.
    ties: ties.filter((t) => fields[t.field]).sort((a, b) => IMPORT_FIELDS.indexOf(a.field) - IMPORT_FIELDS.indexOf(b.field)),
    notes,
  };
}

/** The proposal as the plain mapping HR confirms and a saved mapping stores. */
export function toMapping(proposal: MappingProposal): Mapping {
  const mapping: Mapping = {};
  for (const field of IMPORT_FIELDS) {
    const match = proposal.fields[field];
    if (match) mapping[field] = match.header;
  }
  return mapping;
}

/**
 * Why the CLI may not apply a proposal on its own (empty when it may): every field it uses must be named by
 * an exact alias, no field may have two equally good columns, and the mapping must pass `checkMapping`.
 */
export function ambiguities(proposal: MappingProposal): string[] {
  const reasons = proposal.ties.map((t) => `${t.headers.map((h) => `“${h}”`).join(" and ")} could each be the ${label(t.field)}.`);
  for (const field of IMPORT_FIELDS) {
    const match = proposal.fields[field];
    if (match?.confidence === "weak") reasons.push(`“${match.header}” is only a guess for the ${label(field)}.`);
  }
  reasons.push(...checkMapping(toMapping(proposal), proposal.headers).map((p) => p.message));
  return reasons;
}

export function isUnambiguous(proposal: MappingProposal): boolean {
  return ambiguities(proposal).length === 0;
}

/**
 * What is wrong with a mapping for a file with these headers, as problems on the header line. Both a full name
 * and first + last name is refused rather than one silently winning: they can disagree, and HR should pick.
 */
export function checkMapping(mapping: Mapping, headers: string[], opts: { line?: number } = {}): CsvProblem[] {
  const line = opts.line ?? 1;
  const messages: string[] = [];
  const positions = new Map<string, number[]>();
  headers.forEach((h, i) => positions.set(headerKey(h), [...(positions.get(headerKey(h)) ?? []), i + 1]));

  const fieldsOf = new Map<string, ImportField[]>();
  for (const field of IMPORT_FIELDS) {
    const header = mapping[field];
    if (header === undefined) continue;
    const key = headerKey(header);
    const at = positions.get(key);
    if (!at || key === "") messages.push(`The column “${header}” chosen for the ${label(field)} is not in this file.`);
    else if (at.length > 1)
      messages.push(`Columns ${at.join(" and ")} are both called “${header}”: rename one so the ${label(field)} is read from the right one.`);
    fieldsOf.set(key, [...(fieldsOf.get(key) ?? []), field]);
  }
  for (const [key, fields] of fieldsOf) {
    if (fields.length > 1 && key !== "")
      messages.push(`The column “${mapping[fields[0]!]}” is chosen for ${fields.map(label).join(" and ")}: choose it for one.`);
  }

  if (!mapping.email) messages.push("Choose the column that holds the e-mail: everyone needs one to sign in.");
  const split = [mapping.firstName, mapping.lastName].filter(Boolean).length;
  if (mapping.fullName && split > 0) messages.push("Choose either a full name column or first and last name columns, not both.");
  else if (!mapping.fullName && split === 0) messages.push("Choose the column that holds the full name, or the first and last name columns.");
  else if (!mapping.fullName && split === 1) {
    messages.push(
      mapping.firstName ? "The first name is chosen but not the last name: choose both." : "The last name is chosen but not the first name: choose both.",
    );
  }
  const managers = MANAGER_FIELDS.filter((f) => mapping[f]);
  if (managers.length > 1) {
    messages.push(`The manager is chosen from ${managers.length} columns (${managers.map((f) => `“${mapping[f]}” as ${label(f)}`).join(", ")}): choose one.`);
  }
  return messages.map((message) => ({ line, message }));
}

/**
 * The mapping from the preview's selects, one per column (the field chosen for it, or "" to ignore it). Two
 * columns chosen for the same field is a problem: which one would win is not for the import to guess.
 */
export function mappingFromColumns(
  headers: string[],
  choices: readonly (ImportField | "")[],
  opts: { line?: number } = {},
): { mapping: Mapping; problems: CsvProblem[] } {
  const mapping: Mapping = {};
  const problems: CsvProblem[] = [];
  const chosenBy = new Map<ImportField, string[]>();
  choices.forEach((field, i) => {
    const header = headers[i];
    if (!field || header === undefined) return;
    chosenBy.set(field, [...(chosenBy.get(field) ?? []), header.trim()]);
  });
  for (const [field, columns] of chosenBy) {
    if (columns.length > 1)
      problems.push({ line: opts.line ?? 1, message: `${columns.map((h) => `“${h}”`).join(" and ")} are both chosen as the ${label(field)}: choose one.` });
    else mapping[field] = columns[0]!;
  }
  return { mapping, problems };
}

const MappingSchema = z.object(Object.fromEntries(IMPORT_FIELDS.map((f) => [f, z.string().trim().min(1).max(200).optional()]))).strict();

/** A saved or submitted mapping, checked: unknown fields and empty header names are refused. */
export function parseMapping(value: unknown): { ok: true; mapping: Mapping } | { ok: false; message: string } {
  const parsed = MappingSchema.safeParse(value);
  if (!parsed.success) return { ok: false, message: "This mapping is not valid: it names a field Baton does not import, or a column without a name." };
  const mapping: Mapping = {};
  for (const field of IMPORT_FIELDS) {
    const header = parsed.data[field];
    if (header) mapping[field] = header;
  }
  return { ok: true, mapping };
}

/** Where each mapped field is in a row of this file (after `checkMapping` found no problem). */
export function columnIndexes(mapping: Mapping, headers: string[]): Record<ImportField, number | null> {
  const indexOf = new Map<string, number>();
  headers.forEach((h, i) => {
    if (!indexOf.has(headerKey(h))) indexOf.set(headerKey(h), i);
  });
  return byField((f) => {
    const header = mapping[f];
    return header === undefined ? null : (indexOf.get(headerKey(header)) ?? null);
  });
}

/** The mapping in words, one field a line, as the CLI prints the mapping it used. */
export function describeMapping(mapping: Mapping): string[] {
  return IMPORT_FIELDS.flatMap((f) => (mapping[f] ? [`${label(f)} ← “${mapping[f]}”`] : []));
}
