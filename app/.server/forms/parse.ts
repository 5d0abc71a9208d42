import type { z } from "zod";

export type FieldErrors = Partial<Record<string, string>>;

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Validate a form with a zod schema; errors come back keyed by field so the page can show them in place. */
export function parseForm<S extends z.ZodTypeAny>(formData: FormData, schema: S): Parsed<z.output<S>> {
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(formData.keys())) {
    const values = formData.getAll(key).filter((v): v is string => typeof v === "string");
    raw[key] = values.length > 1 ? values : (values[0] ?? "");
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || "form";
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

/** Blank form fields arrive as "": treat them as absent. */
export const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
