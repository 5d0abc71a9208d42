import { Link } from "@remix-run/react";
import { Children, cloneElement, isValidElement, type ComponentProps, type ReactNode } from "react";

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

type CellProps = { children?: ReactNode; colSpan?: number; scope?: string; role?: string; "data-label"?: string };

/** Gives each cell of a body row its column's title (`data-label`, shown beside the value on phones) and an explicit
 * role: iOS Safari drops a table's semantics once CSS makes its cells blocks, explicit roles keep them. */
function labelRow(row: ReactNode, headers: string[]): ReactNode {
  if (!isValidElement<{ children?: ReactNode; role?: string }>(row) || row.type !== "tr") return row;
  let column = 0;
  const cells = Children.map(row.props.children, (cell) => {
    if (!isValidElement<CellProps>(cell) || (cell.type !== "td" && cell.type !== "th")) return cell;
    const span = cell.props.colSpan ?? 1;
    // The first cell names the row and heads its card, so it needs no title of its own.
    const label = span === 1 && column > 0 ? headers[column] : undefined;
    column += span;
    if (cell.type === "th") return cloneElement(cell, { role: cell.props.scope === "row" ? "rowheader" : "cell" });
    return cloneElement(cell, { role: "cell", ...(label ? { "data-label": label } : {}) });
  });
  return cloneElement(row, { role: "row" }, cells);
}

// Below 640 px ("cards"): the header row is for screen readers only and each row is a card, its cells in two columns
// with their column's title above the value. The first cell (the row's name) heads the card, and spans it, as does any cell a page
// marks `max-sm:col-span-2` (long text such as reasons or errors).
const cardStyles = [
  "max-sm:block max-sm:[&_tbody]:block max-sm:[&_thead]:sr-only",
  "max-sm:[&_tbody_tr]:grid max-sm:[&_tbody_tr]:grid-cols-2 max-sm:[&_tbody_tr]:gap-x-3 max-sm:[&_tbody_tr]:px-1 max-sm:[&_tbody_tr]:py-2",
  "max-sm:[&_tbody_tr>:first-child]:col-span-2",
  "max-sm:[&_tbody_td]:block max-sm:[&_tbody_th]:block max-sm:[&_tbody_td]:px-3 max-sm:[&_tbody_th]:px-3 max-sm:[&_tbody_td]:py-1 max-sm:[&_tbody_th]:py-1",
  "max-sm:[&_tbody_td]:max-w-none max-sm:[&_tbody_td]:whitespace-normal max-sm:[&_tbody_td]:[overflow-wrap:anywhere]",
  "max-sm:[&_[data-label]]:before:block max-sm:[&_[data-label]]:before:text-xs max-sm:[&_[data-label]]:before:font-semibold",
  "max-sm:[&_[data-label]]:before:text-slate-600 max-sm:[&_[data-label]]:before:content-[attr(data-label)]",
].join(" ");

// "scroll": the table keeps its columns and scrolls sideways inside its frame, its first column pinned so each row
// stays named while comparing.
const scrollStyles = "[&_tr>:first-child]:sticky [&_tr>:first-child]:left-0 [&_tbody_tr>:first-child]:bg-white [&_thead_tr>:first-child]:bg-slate-50";

/**
 * The bordered table every list page uses; `headers` are the column titles. On a phone each row becomes a card
 * whose cells are labelled with their column (`phone="cards"`, the default), or, where comparing rows is the point,
 * the table scrolls sideways with its first column pinned (`phone="scroll"`). Rows must be `<tr>` elements whose
 * cells are `<td>`/`<th>` elements, so each cell can be given its column's title.
 */
export function DataTable({
  headers,
  children,
  caption,
  phone = "cards",
}: {
  headers: string[];
  children: ReactNode;
  caption?: string;
  phone?: "cards" | "scroll";
}) {
  const cards = phone === "cards";
  return (
    // Focusable, so keyboard users can scroll a table wider than the screen (WCAG 2.1.1).
    <div
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={0}
      className="overflow-x-auto rounded-lg border border-slate-200 bg-white focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-700"
    >
      {/* Explicit roles: see labelRow. */}
      <table role="table" className={`min-w-full divide-y divide-slate-200 text-sm ${cards ? cardStyles : scrollStyles}`}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        {/* eslint-disable-next-line jsx-a11y/no-redundant-roles */}
        <thead role="rowgroup" className="bg-slate-50 text-left">
          <tr role="row">
            {headers.map((h, i) => (
              <th key={`${i}-${h}`} scope="col" role="columnheader" className="px-4 py-3 font-semibold">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        {/* eslint-disable-next-line jsx-a11y/no-redundant-roles */}
        <tbody role="rowgroup" className="divide-y divide-slate-100">
          {cards ? Children.map(children, (row) => labelRow(row, headers)) : children}
        </tbody>
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
