import { useSearchParams } from "@remix-run/react";
import { useHydrated } from "~/components/use-hydrated";
import { NO_SCRIPT_FIELD } from "~/utils/no-script";

/** Rendered only until JavaScript runs: after that the form posts by fetcher and gets data back. */
export function NoScriptMarker() {
  return useHydrated() ? null : <input type="hidden" name={NO_SCRIPT_FIELD} value="1" />;
}

/** The page came back from a form posted without JavaScript (`?thanks=<form>`). */
export function useThanksFor(form: string) {
  const [params] = useSearchParams();
  return params.get("thanks") === form;
}

type ScaleProps = { name: string; legend: string; low: string; high: string; defaultValue?: number | null; error?: string };

/** A 1–5 answer as five radio buttons in a row, with what the two ends mean. */
export function ScaleField({ name, legend, low, high, defaultValue, error }: ScaleProps) {
  const hintId = `${name}-scale-hint`;
  const errorId = `${name}-scale-error`;
  return (
    <fieldset aria-describedby={error ? `${hintId} ${errorId}` : hintId}>
      <legend className="font-semibold text-slate-900">{legend}</legend>
      <div className="mt-2 flex flex-wrap gap-2">
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className="cursor-pointer">
            <input type="radio" name={name} value={n} required defaultChecked={defaultValue === n} className="peer sr-only" />
            <span className="flex h-10 w-10 items-center justify-center rounded-md border border-slate-400 bg-white font-semibold text-slate-800 peer-checked:border-brand-700 peer-checked:bg-brand-700 peer-checked:text-white peer-focus-visible:ring-2 peer-focus-visible:ring-brand-600 peer-focus-visible:ring-offset-2">
              {n}
            </span>
          </label>
        ))}
      </div>
      <p id={hintId} className="mt-1 text-sm text-slate-600">
        1 = {low}, 5 = {high}
      </p>
      {error ? (
        <p id={errorId} className="mt-1 text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
