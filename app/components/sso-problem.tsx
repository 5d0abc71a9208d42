import { Link } from "@remix-run/react";
import { Notice } from "~/components/ui";

/** What a person sees when a sign-in through an identity provider did not work: why, and the way back. */
export function SsoProblem({ message }: { message: string }) {
  return (
    <main id="main" tabIndex={-1} className="flex min-h-full items-center justify-center p-6">
      <div className="w-full max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <p className="text-center text-3xl font-bold text-brand-700">Baton</p>
        <h1 className="text-lg font-semibold">Sign-in did not work</h1>
        <Notice tone="error">{message}</Notice>
        <p className="text-sm">
          <Link to="/login" className="text-brand-700 hover:underline">
            Back to sign in
          </Link>
        </p>
      </div>
    </main>
  );
}
