import { Form, useNavigation } from "@remix-run/react";
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
  /** The confirming button's look. */
  variant?: "danger" | "secondary";
  /** The asking button's look (default secondary: the danger colour is kept for the final yes). */
  triggerVariant?: "danger" | "secondary";
  /** Extra classes for the asking button, e.g. a smaller size in a list. */
  triggerClassName?: string;
  /** An accessible name for the asking button when the label alone is ambiguous in a list. */
  ariaLabel?: string;
};

const summaryStyles = {
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
  danger: "bg-red-700 text-white hover:bg-red-800",
} as const;

/**
 * A destructive POST that first says what will happen and waits for a yes. With JavaScript the question is a modal
 * <dialog> (focus moves into it, Escape or Cancel closes it); before hydration or without JavaScript the same question
 * opens in place as a disclosure, so the confirmation is never skipped.
 */
export function ConfirmAction({
  label,
  title,
  effect,
  confirmLabel,
  children,
  action,
  variant = "danger",
  triggerVariant = "secondary",
  triggerClassName = "",
  ariaLabel,
}: ConfirmActionProps) {
  const hydrated = useHydrated();
  const navigation = useNavigation();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const effectId = useId();
  const busy = navigation.state === "submitting";
  const question = (
    <>
      <h2 id={titleId} className="text-lg font-semibold">
        {title}
      </h2>
      <div id={effectId} className="mt-2 text-sm text-slate-700">
        {effect}
      </div>
    </>
  );
  const confirm = (
    // Closing on submit: the page stays (the action answers with a notice), so the dialog must not linger over it.
    <Form method="post" action={action} onSubmit={() => dialog.current?.close()}>
      {children}
      <Button type="submit" variant={variant === "danger" ? "danger" : "primary"} disabled={busy}>
        {confirmLabel}
      </Button>
    </Form>
  );

  if (!hydrated) {
    return (
      <details className="group">
        <summary
          aria-label={ariaLabel}
          className={`inline-flex cursor-pointer list-none items-center rounded-md px-4 py-2 text-sm font-semibold shadow-sm [&::-webkit-details-marker]:hidden ${summaryStyles[triggerVariant]} ${triggerClassName}`}
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
      <Button
        type="button"
        variant={triggerVariant}
        className={triggerClassName}
        aria-label={ariaLabel}
        aria-haspopup="dialog"
        onClick={() => dialog.current?.showModal()}
      >
        {label}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        aria-describedby={effectId}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-6 text-left text-slate-900 shadow-xl backdrop:bg-slate-900/40"
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
