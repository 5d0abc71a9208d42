import { Form, useActionData, useNavigation } from "@remix-run/react";
import type { RemindActionData } from "~/.server/notifications/nudge-respond";
import { Button, Notice, TextAreaField } from "./ui";

/** A manager's nudge: one reminder a day of what is overdue and due, with an optional note. */
export function RemindForm({ name, noteMax }: { name: string; noteMax: number }) {
  const data = useActionData<RemindActionData>();
  const answer = data?.intent === "remind" ? data : undefined;
  const busy = useNavigation().formData?.get("intent") === "remind";
  const first = name.split(" ")[0] ?? name;
  return (
    <Form
      method="post"
      key={answer && "reminded" in answer ? answer.message : ""}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      aria-labelledby="remind-title"
    >
      <h2 id="remind-title" className="text-lg font-semibold">
        Remind {first}
      </h2>
      <p className="text-sm text-slate-600">
        {first} gets a message (in Baton, and by e-mail if they want it) listing what is overdue and due. One reminder a day at most.
      </p>
      <input type="hidden" name="intent" value="remind" />
      {answer && "reminded" in answer ? <Notice tone={answer.reminded === "sent" ? "success" : "info"}>{answer.message}</Notice> : null}
      <TextAreaField
        id="remind-note"
        label="A short note (optional)"
        name="note"
        rows={2}
        maxLength={noteMax}
        error={answer && "fieldErrors" in answer ? answer.fieldErrors.note : undefined}
      />
      <Button type="submit" disabled={busy}>
        Remind {first}
      </Button>
    </Form>
  );
}
