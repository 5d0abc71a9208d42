import { Link, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import type { ImportJobView } from "~/.server/people/import/jobs";
import { ImportPreview } from "~/components/import-preview";
import { Notice } from "~/components/ui";

const count = (n: number) => n.toLocaleString("en-GB");

/** Asks the server again every second while the import runs; without JavaScript the page refreshes itself. */
function useFollow(running: boolean) {
  const { state, revalidate } = useRevalidator();
  useEffect(() => {
    if (!running || state !== "idle") return;
    const timer = setTimeout(revalidate, 1000);
    return () => clearTimeout(timer);
  }, [running, state, revalidate]);
}

/** A web import under way, or how it ended. */
export function ImportProgress({ job }: { job: ImportJobView }) {
  const running = job.state === "checking" || job.state === "writing";
  useFollow(running);

  if (job.state === "done" && job.result) {
    const r = job.result;
    return (
      <Notice tone="success">
        Imported {job.fileName}: {count(r.created)} created, {count(r.updated)} updated, {count(r.unchanged)} unchanged
        {r.deactivated > 0 ? `, ${count(r.deactivated)} deactivated` : ""}. {count(r.assigned)} curriculum {r.assigned === 1 ? "assignment" : "assignments"}{" "}
        made by group rules.{" "}
        <Link to="/hr/people" className="font-semibold underline">
          See people
        </Link>
      </Notice>
    );
  }
  if (!running) {
    return (
      <div className="space-y-6">
        {job.retry ? null : <Notice tone="error">{job.message ?? "The import did not finish. Nothing was imported."}</Notice>}
        {job.retry ? <ImportPreview fileName={job.fileName} upload={job.retry.upload} message={job.message} preview={job.retry.preview} busy={false} /> : null}
      </div>
    );
  }

  const finishing = job.state === "writing" && job.total > 0 && job.done >= job.total;
  const label =
    job.state === "checking"
      ? `Checking ${job.fileName} against Baton again`
      : finishing
        ? `Finishing ${job.fileName}: group rules and the audit record`
        : `Importing ${job.fileName}`;
  return (
    <section aria-labelledby="import-progress-label" className="max-w-2xl space-y-2 rounded-lg border border-brand-100 bg-brand-50 p-5">
      <noscript>
        <meta httpEquiv="refresh" content="2" />
      </noscript>
      <label id="import-progress-label" htmlFor="import-progress" className="block font-semibold text-brand-900">
        {label}
      </label>
      {job.state === "writing" ? (
        <progress id="import-progress" max={Math.max(job.total, 1)} value={job.done} className="h-3 w-full" />
      ) : (
        <progress id="import-progress" className="h-3 w-full" />
      )}
      <p className="text-sm text-slate-700">
        {job.state === "writing"
          ? `${count(job.done)} of ${count(job.total)} ${job.total === 1 ? "person" : "people"} saved.`
          : "Nothing is saved until every row has been checked."}{" "}
        It is all or nothing: if anything fails, nothing is imported. You can leave this page; the import carries on.
      </p>
    </section>
  );
}
