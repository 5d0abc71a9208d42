import { Form } from "@remix-run/react";
import { useId, useRef, type ReactNode } from "react";
import { Button } from "~/components/ui";
import { useHydrated } from "~/components/use-hydrated";

type ConfirmActionProps = {
  /** The button that asks, e.g. "Deactivate". */
  label: string;
  /** The question, e.g. "Deactivate Ana Silva?" */
  title: string;
  /** What will happen, in words the person would check before agreeing. */
  effect: ReactNode;
  /** The button that does it, e.g. "Deactivate Ana Silva". */
  confirmLabel: string;
  /** The form's hidden inputs (intent, ids). */
  children: ReactNode;
  /** Where the form posts (default: the current route). */
  action?: string;
  variant?: "danger" | "secondary";
  /** An accessible name for the asking button when the label alone is ambiguous in a list. */
  ariaLabel?: string;
};

/**
 * A destructive POST that first says what will happen and waits for a yes. With JavaScript the question is a modal
 * <dialog> (focus moves into it, Escape cancels); before hydration or without JavaScript the same question opens in
 * place as a disclosure, so the confirmation is never skipped.
 */
export function ConfirmAction({ label, title, effect, confirmLabel, children, action, variant = "danger", ariaLabel }: ConfirmActionProps) {
  const hydrated = useHydrated();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const question = (
    <>
      <h2 id={titleId} className="text-lg font-semibold">
        {title}
      </h2>
      <div className="mt-2 text-sm text-slate-700">{effect}</div>
    </>
  );
  const confirm = (
    <Form method="post" action={action}>
      {children}
      <Button type="submit" variant={variant === "danger" ? "danger" : "primary"}>
        {confirmLabel}
      </Button>
    </Form>
  );

  if (!hydrated) {
    return (
      <details className="group">
        <summary
          aria-label={ariaLabel}
          className="inline-flex cursor-pointer list-none items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 shadow-sm hover:bg-slate-50"
        >
          {label}
        </summary>
        <div className="mt-2 max-w-md rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          {question}
          <div className="mt-4">{confirm}</div>
        </div>
      </details>
    );
  }

  return (
    <>
      <Button type="button" aria-label={ariaLabel} onClick={() => dialog.current?.showModal()}>
        {label}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-6 shadow-xl backdrop:bg-slate-900/40"
      >
        {question}
        <div className="mt-6 flex flex-wrap justify-end gap-3">
          <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
            Cancel
          </Button>
          {confirm}
        </div>
      </dialog>
    </>
  );
}
