import { useFetcher, useParams } from "@remix-run/react";
import { useLesson } from "./lesson-context";

/** A private note the learner writes and keeps; saved on the server, visible only to them. */
export function Reflection({ id, prompt }: { id: string; prompt: string }) {
  const { reflections } = useLesson();
  const params = useParams();
  const fetcher = useFetcher<{ ok: boolean; message?: string }>();
  const saved = reflections[id];
  const fieldId = `reflection-${id}`;
  return (
    <fetcher.Form
      method="post"
      action={`/learn/${params.courseSlug}/${params.lessonSlug}`}
      className="not-prose my-6 rounded-lg border border-violet-200 bg-violet-50 p-5"
    >
      <input type="hidden" name="intent" value="reflection" />
      <input type="hidden" name="reflectionId" value={id} />
      <label htmlFor={fieldId} className="block font-semibold text-violet-900">
        Reflect: {prompt}
      </label>
      <textarea
        id={fieldId}
        name="text"
        rows={3}
        maxLength={2000}
        defaultValue={saved?.text ?? ""}
        className="mt-2 block w-full rounded-md border border-violet-200 bg-white px-3 py-2"
      />
      <div className="mt-2 flex items-center gap-3">
        <button type="submit" className="rounded-md bg-violet-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-violet-800">
          {fetcher.state !== "idle" ? "Saving…" : "Save my note"}
        </button>
        <span className="text-sm text-violet-900" role="status">
          {fetcher.data?.ok
            ? "Saved. Only you can see this note."
            : (fetcher.data?.message ?? (saved ? "Saved earlier. Only you can see it." : "Only you can see this note."))}
        </span>
      </div>
    </fetcher.Form>
  );
}
