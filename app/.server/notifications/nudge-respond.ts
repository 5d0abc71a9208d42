import { data } from "@remix-run/node";
import type { FieldErrors } from "../forms/parse";
import type { RemindOutcome } from "./nudge";

/**
 * What the Remind form gets back. It has no `ok`: the override panel on the same page shows only answers with
 * one, so a reminder's confirmation appears beside the Remind form alone.
 */
export type RemindActionData =
  { intent: "remind"; reminded: "sent" | "already-reminded" | "inactive"; message: string } | { intent: "remind"; fieldErrors: FieldErrors };

/** A reminder's outcome as the person page answers it: the confirmation, field errors (400), or 404 outside the team. */
export function remindResponse(outcome: RemindOutcome | { kind: "invalid"; fieldErrors: FieldErrors }) {
  if (outcome.kind === "not-in-team") throw new Response("Not found", { status: 404 });
  if (outcome.kind === "invalid") return data<RemindActionData>({ intent: "remind", fieldErrors: outcome.fieldErrors }, { status: 400 });
  const message = {
    sent: `Reminder sent to ${outcome.name}.`,
    "already-reminded": `${outcome.name} was already reminded today: one reminder a day is enough.`,
    inactive: `${outcome.name} is deactivated: no reminder was sent.`,
  }[outcome.kind];
  return data<RemindActionData>({ intent: "remind", reminded: outcome.kind, message });
}
