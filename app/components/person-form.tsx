import { Form } from "@remix-run/react";
import { Button, Field, SelectField } from "~/components/ui";
import { roleLabel, toDateInput } from "~/utils/format";

type PersonValues = {
  email?: string;
  name?: string;
  role?: "LEARNER" | "MANAGER" | "HR";
  department?: string | null;
  jobTitle?: string | null;
  location?: string | null;
  startDate?: string | Date | null;
  managerId?: string | null;
};

/** The one form for creating and editing a person. */
export function PersonForm({
  values = {},
  errors = {},
  managers,
  departments,
  locations,
  submitLabel,
}: {
  values?: PersonValues;
  errors?: Partial<Record<string, string>>;
  managers: { id: string; name: string }[];
  departments: string[];
  locations: string[];
  submitLabel: string;
}) {
  return (
    <Form method="post" className="grid max-w-2xl gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 sm:p-6 [&>*]:min-w-0" noValidate>
      <input type="hidden" name="intent" value="save" />
      <Field label="Full name" name="name" defaultValue={values.name ?? ""} required error={errors.name} autoComplete="off" />
      <Field label="Email" name="email" type="email" defaultValue={values.email ?? ""} required error={errors.email} autoComplete="off" />
      <SelectField label="Role" name="role" defaultValue={values.role ?? "LEARNER"} error={errors.role}>
        {(["LEARNER", "MANAGER", "HR"] as const).map((r) => (
          <option key={r} value={r}>
            {roleLabel[r]}
          </option>
        ))}
      </SelectField>
      <SelectField label="Manager" name="managerId" defaultValue={values.managerId ?? ""} error={errors.managerId}>
        <option value="">No manager</option>
        {managers.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </SelectField>
      <Field label="Department" name="department" defaultValue={values.department ?? ""} error={errors.department} list="departments" />
      <datalist id="departments">
        {departments.map((d) => (
          <option key={d} value={d} />
        ))}
      </datalist>
      <Field label="Job title" name="jobTitle" defaultValue={values.jobTitle ?? ""} error={errors.jobTitle} />
      <Field label="Location" name="location" defaultValue={values.location ?? ""} error={errors.location} list="locations" />
      <datalist id="locations">
        {locations.map((l) => (
          <option key={l} value={l} />
        ))}
      </datalist>
      <Field label="Start date" name="startDate" type="date" defaultValue={toDateInput(values.startDate)} error={errors.startDate} />
      {/* Its own row after the fields, as forms end: not squeezed in beside the last field. */}
      <div className="border-t border-slate-100 pt-4 sm:col-span-2">
        <Button type="submit" className="w-full sm:w-auto">
          {submitLabel}
        </Button>
      </div>
    </Form>
  );
}
