import { Form, useActionData, useNavigation } from "@remix-run/react";
import type { StoryActionData } from "~/.server/stories/respond";
import { Button, SelectField, TextAreaField } from "./ui";

type Colleague = { id: string; name: string; department: string | null };
type Behaviour = { id: string; name: string; description: string };

function ColleagueSelect({ colleagues, error }: { colleagues: Colleague[]; error?: string }) {
  const departments = [...new Set(colleagues.map((c) => c.department ?? "No department"))];
  return (
    <SelectField label="Who is it about?" name="subject" defaultValue="" error={error}>
      <option value="">Choose a colleague</option>
      {departments.map((d) => (
        <optgroup key={d} label={d}>
          {colleagues
            .filter((c) => (c.department ?? "No department") === d)
            .map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
        </optgroup>
      ))}
    </SelectField>
  );
}

function BehaviourChoice({ behaviours, error }: { behaviours: Behaviour[]; error?: string }) {
  return (
    <fieldset aria-describedby={error ? "behaviour-error" : undefined}>
      <legend className="text-sm font-medium text-slate-800">Which behaviour does it show?</legend>
      <div className="mt-1 space-y-1">
        {behaviours.map((b) => (
          <label key={b.id} className="flex gap-2 rounded-md px-2 py-1 text-sm hover:bg-slate-50">
            <input type="radio" name="behaviour" value={b.id} className="mt-1" />
            <span>
              <span className="font-medium">{b.name}</span>
              <span className="block text-slate-600">{b.description}</span>
            </span>
          </label>
        ))}
      </div>
      {error ? (
        <p id="behaviour-error" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Tell a story about a colleague: who, which behaviour, what happened. Cleared after each post. */
export function StoryForm({ colleagues, behaviours, max }: { colleagues: Colleague[]; behaviours: Behaviour[]; max: number }) {
  const data = useActionData<StoryActionData>();
  const busy = useNavigation().formData?.get("intent") === "post";
  const errors = data && !data.ok && data.intent === "post" ? data.fieldErrors : {};
  const posted = data?.ok && data.intent === "post" ? data.storyId : "";
  return (
    <Form method="post" key={posted} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="story-form-title">
      <h2 id="story-form-title" className="text-lg font-semibold">
        Tell a story
      </h2>
      <p className="text-sm text-slate-600">Seen a colleague give someone great service? Say what they did: they will see it on their home page.</p>
      <input type="hidden" name="intent" value="post" />
      <ColleagueSelect colleagues={colleagues} error={errors.subject} />
      <BehaviourChoice behaviours={behaviours} error={errors.behaviour} />
      <TextAreaField
        id="story-text"
        name="text"
        label="What happened?"
        rows={6}
        maxLength={max}
        hint={`Up to ${max.toLocaleString("en-GB")} characters: what they did, and what difference it made.`}
        error={errors.text}
      />
      <Button type="submit" disabled={busy}>
        Post story
      </Button>
    </Form>
  );
}
