type Values = Partial<Record<string, string>>;

export const builderInputClass = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm aria-[invalid]:border-red-600";

/**
 * A due rule: the curriculum's (or none), N days after the start date, or a fixed day. Only the input the chosen
 * kind needs shows; CSS follows the select (`:has(option:checked)`), so this works before and without JavaScript,
 * and the hidden input keeps its value should the kind be chosen again.
 */
export function DueRuleInputs({
  prefix,
  values,
  errorOf,
  label,
  inheritLabel,
}: {
  prefix: string;
  values: Values;
  /** The error to show for a field, once: errors disappear when their field changes. */
  errorOf: (name: string) => string | undefined;
  label: string;
  inheritLabel: string;
}) {
  const err = errorOf(`${prefix}dueDays`) ?? errorOf(`${prefix}dueDate`) ?? errorOf(`${prefix}dueKind`);
  const errId = `${prefix}due-error`;
  const inherit = prefix ? "curriculum" : "none";
  return (
    <div className="group/due flex flex-wrap items-center gap-2">
      <select
        name={`${prefix}dueKind`}
        aria-label={`${label}: due rule`}
        defaultValue={values[`${prefix}dueKind`] || inherit}
        className={`${builderInputClass} max-w-full`}
      >
        <option value={inherit}>{inheritLabel}</option>
        <option value="days">Days after start date</option>
        <option value="date">Fixed date</option>
      </select>
      <input
        name={`${prefix}dueDays`}
        type="number"
        min={0}
        max={3650}
        aria-label={`${label}: days after start date`}
        aria-invalid={errorOf(`${prefix}dueDays`) ? true : undefined}
        aria-describedby={err ? errId : undefined}
        defaultValue={values[`${prefix}dueDays`] ?? ""}
        placeholder="days"
        className={`${builderInputClass} hidden w-24 group-has-[option[value=days]:checked]/due:block`}
      />
      <input
        name={`${prefix}dueDate`}
        type="date"
        aria-label={`${label}: fixed due date`}
        aria-invalid={errorOf(`${prefix}dueDate`) ? true : undefined}
        aria-describedby={err ? errId : undefined}
        defaultValue={values[`${prefix}dueDate`] ?? ""}
        className={`${builderInputClass} hidden group-has-[option[value=date]:checked]/due:block`}
      />
      {err ? (
        <p id={errId} className="w-full text-sm text-red-700">
          {err}
        </p>
      ) : null}
    </div>
  );
}
