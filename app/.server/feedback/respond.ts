import { data, redirect } from "@remix-run/node";
import type { z } from "zod";
import { NO_SCRIPT_FIELD } from "~/utils/no-script";
import { parseForm, type FieldErrors } from "../forms/parse";
import type { LearnerFormOutcome } from "./lesson-feedback";

export type LearnerFormResult = { ok: true; anonymous: boolean } | { ok: false; errors: FieldErrors };

type Page = {
  /** The page the form sits on. */
  back: string;
  /** Which form it was: the page says thanks for it after a redirect (`?thanks=…#…`). */
  form: string;
};

const plain = (text: string, status: number) => new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/**
 * A learner's feedback form posted to its resource route: parse it, run the domain, answer. The page's fetcher
 * gets data (field errors with 400); a browser without JavaScript is sent back to the page, which then says
 * thanks. Not allowed: 404.
 */
export async function learnerFormAction<S extends z.ZodTypeAny>(
  form: FormData,
  schema: S,
  page: Page,
  run: (input: z.output<S>) => Promise<LearnerFormOutcome>,
) {
  const noScript = form.has(NO_SCRIPT_FIELD);
  const parsed = parseForm(form, schema);
  const answer = parsed.ok ? await run(parsed.data) : ({ kind: "invalid", errors: parsed.errors } as const);
  switch (answer.kind) {
    case "not-found":
      throw new Response("Not found", { status: 404 });
    case "invalid":
      return noScript ? plain(Object.values(answer.errors).join("\n"), 400) : data<LearnerFormResult>({ ok: false, errors: answer.errors }, { status: 400 });
    case "closed":
      return noScript ? plain(answer.message, 409) : data<LearnerFormResult>({ ok: false, errors: { form: answer.message } }, { status: 409 });
    case "saved":
      return noScript ? redirect(`${page.back}?thanks=${page.form}#${page.form}`) : data<LearnerFormResult>({ ok: true, anonymous: answer.anonymous });
  }
}
