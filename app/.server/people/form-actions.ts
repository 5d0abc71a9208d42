import { parseForm } from "../forms/parse";
import { PersonInputError } from "./people";
import { PersonInputSchema, type PersonInput } from "./schema";

/** Parse a person form and run a create or update; domain refusals come back as field errors. */
export async function savePersonFromForm<T>(formData: FormData, save: (input: PersonInput) => Promise<T>) {
  const parsed = parseForm(formData, PersonInputSchema);
  if (!parsed.ok) return { ok: false as const, errors: parsed.errors };
  try {
    return { ok: true as const, result: await save(parsed.data) };
  } catch (error) {
    if (error instanceof PersonInputError) return { ok: false as const, errors: { [error.field]: error.message } };
    throw error;
  }
}
