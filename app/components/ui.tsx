import { Link } from "@remix-run/react";
import type { ComponentProps, ReactNode } from "react";

export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
        {description ? <p className="mt-1 text-slate-600">{description}</p> : null}
      </div>
      {actions}
    </div>
  );
}

type FieldFrameProps = { id: string; label: string; error?: string; hint?: string };

/** A label, the control, and its hint or error, wired together for screen readers. */
function FieldFrame({
  id,
  label,
  error,
  hint,
  control,
}: FieldFrameProps & { control: (a11y: { id: string; "aria-invalid"?: true; "aria-describedby"?: string; className: string }) => ReactNode }) {
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {control({
        id,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy,
        className: "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 shadow-sm aria-[invalid]:border-red-600",
      })}
      {hint && !error ? (
        <p id={`${id}-hint`} className="mt-1 text-sm text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function Field({ label, name, error, hint, ...input }: { label: string; name: string; error?: string; hint?: string } & ComponentProps<"input">) {
  return <FieldFrame id={input.id ?? `field-${name}`} label={label} error={error} hint={hint} control={(a11y) => <input name={name} {...a11y} {...input} />} />;
}

/** A labelled textarea with its error, styled like the other fields. */
export function TextAreaField({
  label,
  name,
  error,
  hint,
  id,
  ...rest
}: { label: string; name: string; id: string; error?: string; hint?: string } & ComponentProps<"textarea">) {
  return <FieldFrame id={id} label={label} error={error} hint={hint} control={(a11y) => <textarea name={name} {...a11y} {...rest} />} />;
}

/** A search-form filter: a labelled select whose empty choice means "all". */
export function FilterSelect(props: {
  label: string;
  name: string;
  value: string | undefined;
  all: string;
  options: readonly { value: string; label: string }[];
}) {
  return (
    <label className="text-sm">
      <span className="block font-medium">{props.label}</span>
      <select name={props.name} defaultValue={props.value ?? ""} className="mt-1 rounded-md border border-slate-300 bg-white px-3 py-2">
        <option value="">{props.all}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function SelectField({
  label,
  name,
  error,
  children,
  ...select
}: { label: string; name: string; error?: string; children: ReactNode } & ComponentProps<"select">) {
  const id = select.id ?? `field-${name}`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 shadow-sm"
        {...select}
      >
        {children}
      </select>
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

const buttonStyles = {
  primary: "bg-brand-600 text-white hover:bg-brand-700",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
  danger: "bg-red-700 text-white hover:bg-red-800",
} as const;

export function Button({ variant = "primary", className = "", ...props }: { variant?: keyof typeof buttonStyles } & ComponentProps<"button">) {
  return (
    <button
      className={`inline-flex items-center justify-center rounded-md px-4 py-2 text-sm font-semibold shadow-sm disabled:opacity-60 ${buttonStyles[variant]} ${className}`}
      {...props}
    />
  );
}

export function Notice({ tone = "info", children }: { tone?: "info" | "success" | "error"; children: ReactNode }) {
  const styles = {
    info: "border-brand-100 bg-brand-50 text-brand-900",
    success: "border-green-200 bg-green-50 text-green-900",
    error: "border-red-200 bg-red-50 text-red-900",
  }[tone];
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-md border px-4 py-3 text-sm ${styles}`}>
      {children}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
      <h2 className="text-lg font-semibold">{title}</h2>
      {children ? <div className="mt-2 text-slate-600">{children}</div> : null}
    </div>
  );
}

/** The bordered, scrollable table every list page uses; `headers` are the column titles. */
export function DataTable({ headers, children, caption }: { headers: string[]; children: ReactNode; caption?: string }) {
  return (
    // Focusable, so keyboard users can scroll a table wider than the screen (WCAG 2.1.1).
    <div
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={0}
      className="overflow-x-auto rounded-lg border border-slate-200 bg-white focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-700"
    >
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead className="bg-slate-50 text-left">
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col" className="px-4 py-3 font-semibold">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

/** The way back to the list a page belongs to, above its title. */
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link to={to} className="text-sm text-brand-700 hover:underline">
      ← {children}
    </Link>
  );
}
