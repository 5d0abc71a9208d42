import { Link, isRouteErrorResponse, useRouteError, useRouteLoaderData } from "@remix-run/react";
import type { loader as rootLoader } from "~/root";

const messages: Record<number, { title: string; body: string }> = {
  400: { title: "That request did not make sense", body: "Please go back and try again." },
  403: { title: "You do not have access to this page", body: "If you think you should, ask your HR team." },
  404: { title: "We could not find that page", body: "It may have moved, or you may not have access to it." },
};

/** A friendly page for every error; the detail stays in the server's log, found by the reference shown here. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  // The id of the request that failed (root.tsx explains which one, after client-side navigations).
  const requestId = useRouteLoaderData<typeof rootLoader>("root")?.requestId;
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message = messages[status] ?? {
    title: "Something went wrong on our side",
    body: "We have logged the problem. Please try again in a moment.",
  };
  if (!isRouteErrorResponse(error) && typeof document !== "undefined") console.error(error);
  return (
    <div role="alert" className="rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <p className="text-sm font-semibold text-brand-700">Error {status}</p>
      <h1 className="mt-2 text-2xl font-bold">{message.title}</h1>
      <p className="mt-2 text-slate-600">{message.body}</p>
      {status >= 500 && requestId ? (
        <p className="mt-4 text-sm text-slate-600">
          Reference: <span className="select-all font-mono">{requestId}</span> (quote it if you ask for help)
        </p>
      ) : null}
      <Link to="/" className="mt-6 inline-block font-medium text-brand-700 underline">
        Back to Baton
      </Link>
    </div>
  );
}
