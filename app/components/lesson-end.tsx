import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useLessonAction, type PracticeResult } from "~/components/mdx/lesson-context";
import type { ProgressState } from "~/components/progress-bits";
import { useHydrated } from "~/components/use-hydrated";

type Props = { completion: "view" | "acknowledge" | "quiz" | "signoff"; status: ProgressState };

const button = "rounded-md bg-brand-600 px-5 py-2.5 font-semibold text-white hover:bg-brand-700 disabled:opacity-60";

/**
 * The end of a lesson, rendered after its body. Opening a lesson records it as in progress; a `view` lesson
 * completes when the learner reaches this point (without JavaScript: a "Mark as done" button); an
 * `acknowledge` lesson asks for the learner's confirmation. Posts go to the lesson's own action by fetcher.
 */
export function LessonEnd(props: Props) {
  const action = useLessonAction();
  // One instance per lesson: moving to the next lesson starts afresh (its own posts, its own sentinel).
  return <LessonEndFor key={action} action={action} {...props} />;
}

function LessonEndFor({ completion, status, action }: Props & { action: string }) {
  const hydrated = useHydrated();
  const opener = useFetcher();
  const completer = useFetcher<PracticeResult>();
  const opened = useRef(false);
  const reached = useRef(false);
  const sentinel = useRef<HTMLDivElement>(null);
  const done = status === "completed" || completer.data?.ok === true;

  useEffect(() => {
    if (status !== "not_started" || opened.current) return;
    opened.current = true;
    opener.submit({ intent: "open" }, { method: "post", action });
  }, [status, action, opener]);

  useEffect(() => {
    const target = sentinel.current;
    if (completion !== "view" || done || !target) return;
    const observer = new IntersectionObserver((entries) => {
      if (reached.current || !entries.some((e) => e.isIntersecting)) return;
      reached.current = true;
      observer.disconnect();
      completer.submit({ intent: "complete" }, { method: "post", action });
    });
    observer.observe(target);
    return () => observer.disconnect();
  }, [completion, done, action, completer]);

  if (completion === "quiz" || completion === "signoff") return null;
  const busy = completer.state !== "idle";
  const error = completer.data && !completer.data.ok ? completer.data.message : null;
  return (
    <div>
      <div role="status">{done ? <p className="font-semibold text-green-800">✓ You have completed this lesson.</p> : null}</div>
      {error ? (
        <p role="alert" className="mb-3 text-red-800">
          {error}
        </p>
      ) : null}
      {!done && completion === "acknowledge" ? (
        <completer.Form method="post" action={action} className="space-y-3">
          <input type="hidden" name="intent" value="acknowledge" />
          <label className="flex items-start gap-3">
            <input type="checkbox" name="confirm" value="yes" required className="mt-1" />
            <span>I have read this lesson and will put it into practice.</span>
          </label>
          <button type="submit" disabled={busy} className={button}>
            Confirm and complete
          </button>
        </completer.Form>
      ) : null}
      {!done && completion === "view" && !hydrated ? (
        <completer.Form method="post" action={action}>
          <input type="hidden" name="intent" value="complete" />
          <button type="submit" className={button}>
            Mark as done
          </button>
        </completer.Form>
      ) : null}
      {/* Reaching this point of the page is what completes a view lesson. */}
      {!done && completion === "view" ? <div ref={sentinel} aria-hidden="true" className="h-px" /> : null}
    </div>
  );
}
