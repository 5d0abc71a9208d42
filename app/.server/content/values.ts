/**
 * The company's own words for template courses ("Our promise"): content/values.yml declares each fill-in value
 * with a label; HR fills in `value` without touching code. Lessons use them as <Value name="…" />; a value not
 * yet filled in shows as a clearly marked placeholder, and the content check warns about it.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readYamlWithLines } from "./yaml-lines";
import { z } from "zod";
import type { Problem } from "./mdx-rules";

const key = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "use lower-case words joined by hyphens");

const ValuesSchema = z.object({
  values: z.record(key, z.object({ label: z.string().min(1), value: z.string().default("") })),
});
export type FillInValues = z.infer<typeof ValuesSchema>["values"];

export const VALUES_FILE = "values.yml";

/** The declared values, or problems with the file's lines. A missing file declares nothing. */
export function readValues(contentDir: string): { values: FillInValues; problems: Problem[] } {
  const path = join(contentDir, VALUES_FILE);
  if (!existsSync(path)) return { values: {}, problems: [] };
  const read = readYamlWithLines(readFileSync(path, "utf8"));
  if (!read.ok) return { values: {}, problems: read.problems };
  const parsed = ValuesSchema.safeParse(read.value);
  if (!parsed.success) return { values: {}, problems: parsed.error.issues.map((i) => ({ message: `${i.path.join(".")}: ${i.message}` })) };
  return { values: parsed.data.values, problems: [] };
}

/** What a lesson's <Value> elements need: undeclared names are errors, empty values warnings. */
export function valueProblems(used: string[], values: FillInValues): { errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const name of new Set(used)) {
    const declared = values[name];
    if (!declared) errors.push(`<Value name="${name}" /> is not declared in content/${VALUES_FILE}`);
    else if (declared.value.trim() === "") warnings.push(`"${name}" (${declared.label}) is not filled in yet in content/${VALUES_FILE}: learners see a placeholder`);
  }
  return { errors, warnings };
}
