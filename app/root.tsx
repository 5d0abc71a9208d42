import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration } from "@remix-run/react";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import type { ReactNode } from "react";
import { requestIdOf } from "~/.server/log";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import styles from "~/styles/app.css?url";
import { useNonce } from "~/utils/nonce";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Baton" }];

/** Only the request's id, which the error page shows as its reference (components/error-boundary.tsx). */
export function loader({ request }: LoaderFunctionArgs) {
  return { requestId: requestIdOf(request) ?? null };
}

/**
 * Single fetch loads all of a navigation's data in one request, so re-running this loader on every navigation gives
 * the error page the id of the very request whose loader failed. A failed action's own id never reaches the browser
 * (errors arrive sanitised, without headers): the page then shows the id of the data reload that followed it or, when
 * Remix skips that reload, of the last document or navigation request. After a submission Remix's default stands.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) => actionStatus === undefined || defaultShouldRevalidate;

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en" className="h-full bg-slate-50">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="h-full text-slate-900 antialiased">
        {/* Every page's <main> has id="main": keyboard users skip the navigation with one key press. */}
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-white focus:px-4 focus:py-2 focus:font-semibold focus:text-brand-700 focus:shadow"
        >
          Skip to main content
        </a>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-xl p-8">
      <GeneralErrorBoundary />
    </main>
  );
}
