import { Form } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import { CourseListBuilder, type CourseOption } from "~/components/curriculum-course-list";
import { DueRuleInputs } from "~/components/curriculum-due-rule";
import { Button, Field } from "~/components/ui";
import { useHydrated } from "~/components/use-hydrated";

type Values = Partial<Record<string, string>>;
type Errors = Partial<Record<string, string>>;

const NO_ERRORS: Errors = {};

/** The fields whose error a change to this field answers: a new due kind answers its days and date too. */
const answered = (name: string) => (name.endsWith("dueKind") ? [name, name.replace(/dueKind$/, "dueDays"), name.replace(/dueKind$/, "dueDate")] : [name]);

/**
 * The one form for creating and editing a curriculum: its settings and the ordered list of its courses. A field's
 * error disappears as soon as the field changes (the server checks again on save). Works without JavaScript.
 */
export function CurriculumForm({
  values = {},
  errors = NO_ERRORS,
  courses,
  submitLabel,
}: {
  values?: Values;
  errors?: Errors;
  courses: CourseOption[];
  submitLabel: string;
}) {
  const hydrated = useHydrated();
  // Fields changed since the server's answer: their errors no longer apply. A new answer shows all its errors again.
  const [changed, setChanged] = useState<{ since: Errors; names: ReadonlySet<string> }>({ since: errors, names: new Set() });
  const cleared = changed.since === errors ? changed.names : new Set<string>();
  const clear = (names: string[]) => setChanged({ since: errors, names: new Set([...cleared, ...names]) });
  const errorOf = (name: string) => (cleared.has(name) ? undefined : errors[name]);
  const onChange = (e: FormEvent<HTMLFormElement>) => {
    const field = e.target;
    if (field instanceof HTMLInputElement || field instanceof HTMLSelectElement || field instanceof HTMLTextAreaElement) clear(answered(field.name));
  };
  return (
    <Form method="post" onChange={onChange} className="space-y-6 rounded-lg border border-slate-200 bg-white p-4 sm:p-6" noValidate>
      <input type="hidden" name="intent" value="save" />
      {/* Without JavaScript, Enter in a field presses the first submit button: let that be Save, not a list step. */}
      {hydrated ? null : (
        <button type="submit" tabIndex={-1} aria-hidden="true" className="sr-only">
          {submitLabel}
        </button>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" name="name" defaultValue={values.name ?? ""} required error={errorOf("name")} autoComplete="off" />
        <Field
          label="Grace period (days)"
          name="graceDays"
          type="number"
          min={0}
          max={60}
          step={1}
          defaultValue={values.graceDays ?? "3"}
          error={errorOf("graceDays")}
          hint="Days after someone receives this curriculum before they can be flagged At risk (0–60)."
        />
        <div className="sm:col-span-2">
          <label htmlFor="field-description" className="block text-sm font-medium text-slate-800">
            Description
          </label>
          <textarea
            id="field-description"
            name="description"
            rows={2}
            defaultValue={values.description ?? ""}
            aria-invalid={errorOf("description") ? true : undefined}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm"
          />
          {errorOf("description") ? <p className="mt-1 text-sm text-red-700">{errorOf("description")}</p> : null}
        </div>
      </div>
      <label className="flex items-start gap-3">
        <input type="checkbox" name="inOrder" defaultChecked={values.inOrder === "on"} className="mt-1" />
        <span>
          <span className="font-medium">Take the courses in order</span>
          <span className="block text-sm text-slate-600">A course opens when the required course before it is complete.</span>
        </span>
      </label>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Validity and renewal</legend>
        <p className="mb-2 text-sm text-slate-600">
          A certificate is valid for this long after completion. Before it ends, the courses marked “Renew” below open again (none marked: every required
          course).
        </p>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label="Valid for (months)"
            name="validityMonths"
            type="number"
            min={1}
            max={120}
            step={1}
            defaultValue={values.validityMonths ?? ""}
            error={errorOf("validityMonths")}
            hint="Leave empty for a curriculum that never expires (1–120 months)."
          />
          <Field
            label="Renewal notice: days before expiry"
            name="renewalNoticeDays"
            type="number"
            min={1}
            max={365}
            step={1}
            defaultValue={values.renewalNoticeDays ?? "30"}
            error={errorOf("renewalNoticeDays")}
            hint="When the renewal courses open again and readiness shows Expiring (1–365 days)."
          />
        </div>
      </fieldset>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Due date for the whole curriculum</legend>
        <p className="mb-2 text-sm text-slate-600">Courses without their own rule use this one. Days count from each person’s start date.</p>
        <DueRuleInputs prefix="" values={values} errorOf={errorOf} label="Curriculum" inheritLabel="No due date" />
      </fieldset>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Courses</legend>
        <p className="mb-2 text-sm text-slate-600">
          In the order people take them: drag a course by its handle or use Move up and Move down. Optional courses have no due date. Renew: taken again on
          renewal; none ticked = every required course.
        </p>
        {errorOf("courses") ? (
          <p role="alert" className="mb-2 text-sm text-red-700">
            {errorOf("courses")}
          </p>
        ) : null}
        <CourseListBuilder courses={courses} values={values} errorOf={errorOf} onListChange={() => clear(["courses"])} />
      </fieldset>
      <Button type="submit">{submitLabel}</Button>
    </Form>
  );
}
