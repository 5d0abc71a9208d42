import { Form } from "@remix-run/react";
import { Button, Field } from "~/components/ui";

type Values = Partial<Record<string, string>>;
type Errors = Partial<Record<string, string>>;
type CourseOption = { slug: string; title: string; audience: string; minutes: number };

const inputClass = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm aria-[invalid]:border-red-600";

/** A due rule: none or the curriculum's, N days after the start date, or a fixed day. */
function DueRuleInputs({
  prefix,
  values,
  errors,
  label,
  inheritLabel,
}: {
  prefix: string;
  values: Values;
  errors: Errors;
  label: string;
  inheritLabel: string;
}) {
  const err = errors[`${prefix}dueDays`] ?? errors[`${prefix}dueDate`] ?? errors[`${prefix}dueKind`];
  const errId = `${prefix}due-error`;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <select
        name={`${prefix}dueKind`}
        aria-label={`${label}: due rule`}
        defaultValue={values[`${prefix}dueKind`] || (prefix ? "curriculum" : "none")}
        className={inputClass}
      >
        <option value={prefix ? "curriculum" : "none"}>{inheritLabel}</option>
        <option value="days">Days after start date</option>
        <option value="date">Fixed date</option>
      </select>
      <input
        name={`${prefix}dueDays`}
        type="number"
        min={0}
        max={3650}
        aria-label={`${label}: days after start date`}
        aria-invalid={errors[`${prefix}dueDays`] ? true : undefined}
        aria-describedby={err ? errId : undefined}
        defaultValue={values[`${prefix}dueDays`] ?? ""}
        placeholder="days"
        className={`${inputClass} w-20`}
      />
      <input
        name={`${prefix}dueDate`}
        type="date"
        aria-label={`${label}: fixed due date`}
        aria-invalid={errors[`${prefix}dueDate`] ? true : undefined}
        aria-describedby={err ? errId : undefined}
        defaultValue={values[`${prefix}dueDate`] ?? ""}
        className={inputClass}
      />
      {err ? (
        <p id={errId} className="w-full text-sm text-red-700">
          {err}
        </p>
      ) : null}
    </div>
  );
}

/** The one form for creating and editing a curriculum. Works without JavaScript: order by typing positions. */
export function CurriculumForm({
  values = {},
  errors = {},
  courses,
  submitLabel,
}: {
  values?: Values;
  errors?: Errors;
  courses: CourseOption[];
  submitLabel: string;
}) {
  const notIncluded = courses.filter((c) => values[`course.${c.slug}.include`] !== "on").map((c) => c.slug);
  const includedCount = courses.length - notIncluded.length;
  return (
    <Form method="post" className="space-y-6 rounded-lg border border-slate-200 bg-white p-6" noValidate>
      <input type="hidden" name="intent" value="save" />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" name="name" defaultValue={values.name ?? ""} required error={errors.name} autoComplete="off" />
        <Field
          label="Grace period (days)"
          name="graceDays"
          type="number"
          min={0}
          max={60}
          step={1}
          defaultValue={values.graceDays ?? "3"}
          error={errors.graceDays}
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
            aria-invalid={errors.description ? true : undefined}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm"
          />
          {errors.description ? <p className="mt-1 text-sm text-red-700">{errors.description}</p> : null}
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
            error={errors.validityMonths}
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
            error={errors.renewalNoticeDays}
            hint="When the renewal courses open again and readiness shows Expiring (1–365 days)."
          />
        </div>
      </fieldset>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Due date for the whole curriculum</legend>
        <p className="mb-2 text-sm text-slate-600">Courses without their own rule use this one. Days count from each person’s start date.</p>
        <DueRuleInputs prefix="" values={values} errors={errors} label="Curriculum" inheritLabel="No due date" />
      </fieldset>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Courses</legend>
        <p className="mb-2 text-sm text-slate-600">
          Tick the courses to include; the positions set the order (1 first). Renew: taken again on renewal; none ticked = every required course.
        </p>
        {errors.courses ? (
          <p role="alert" className="mb-2 text-sm text-red-700">
            {errors.courses}
          </p>
        ) : null}
        <div className="overflow-x-auto rounded-lg border border-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left">
              <tr>
                <th scope="col" className="px-3 py-2 font-semibold">
                  Course
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  Position
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  Required
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  Renew
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  Due
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {courses.map((c) => {
                const p = `course.${c.slug}.`;
                const included = values[`${p}include`] === "on";
                // Courses not chosen yet are offered after the chosen ones, in library order.
                const nextFree = includedCount + notIncluded.indexOf(c.slug) + 1;
                return (
                  <tr key={c.slug}>
                    <td className="px-3 py-2">
                      <label className="flex items-start gap-2">
                        <input type="checkbox" name={`${p}include`} defaultChecked={included} aria-label={`Include ${c.title}`} className="mt-1" />
                        <span>
                          <span className="font-medium">{c.title}</span>
                          <span className="block text-xs text-slate-500">
                            {c.audience} · {c.minutes} min
                          </span>
                        </span>
                      </label>
                    </td>
                    <td className="px-3 py-2">
                      <input
                        name={`${p}position`}
                        type="number"
                        min={1}
                        max={1000}
                        aria-label={`Position of ${c.title}`}
                        aria-invalid={errors[`${p}position`] ? true : undefined}
                        defaultValue={values[`${p}position`] ?? String(nextFree)}
                        className={`${inputClass} w-16`}
                      />
                      {errors[`${p}position`] ? <p className="text-xs text-red-700">{errors[`${p}position`]}</p> : null}
                    </td>
                    <td className="px-3 py-2">
                      <input
                        type="checkbox"
                        name={`${p}required`}
                        aria-label={`${c.title} is required`}
                        defaultChecked={included ? values[`${p}required`] === "on" : true}
                      />
                    </td>
                    <td className="px-3 py-2">
                      <input
                        type="checkbox"
                        name={`${p}renew`}
                        aria-label={`${c.title} is taken again on renewal`}
                        defaultChecked={included && values[`${p}renew`] === "on"}
                      />
                    </td>
                    <td className="px-3 py-2">
                      <DueRuleInputs prefix={p} values={values} errors={errors} label={c.title} inheritLabel="Curriculum’s rule" />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </fieldset>
      <Button type="submit">{submitLabel}</Button>
    </Form>
  );
}
