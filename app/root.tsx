import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import type { CSSProperties, ReactNode } from "react";
import { readBrand, type Brand } from "~/.server/branding/brand";
import { requestIdOf } from "~/.server/log";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import styles from "~/styles/app.css?url";
import { isHexColor } from "~/utils/contrast";
import { useNonce } from "~/utils/nonce";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Baton" }];

/**
 * The request's id, which the error page shows as its reference (components/error-boundary.tsx), and the
 * organisation's brand (name, colour, logo), which every page shows. Brand changes reach revalidated learner pages:
 * their ETag hashes all loader data (views/revalidate.ts).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return { requestId: requestIdOf(request) ?? null, brand: await readBrand() };
}

/**
 * The brand colour as Tailwind's brand shades (app/styles/app.css), all from the one colour: 600 is the colour, 700
 * and 900 darker, 50 and 100 light tints. Only darker shades carry text on white, and the colour itself passes AA.
 */
function brandShades(color: string | null | undefined): CSSProperties | undefined {
  if (!color || !isHexColor(color)) return undefined;
  return {
    "--color-brand-50": `color-mix(in oklab, ${color} 8%, white)`,
    "--color-brand-100": `color-mix(in oklab, ${color} 18%, white)`,
    "--color-brand-600": color,
    "--color-brand-700": `color-mix(in oklab, ${color} 82%, black)`,
    "--color-brand-900": `color-mix(in oklab, ${color} 50%, black)`,
  } as CSSProperties;
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
  const brand: Brand | undefined = useRouteLoaderData<typeof loader>("root")?.brand;
  return (
    <html lang="en" className="h-full bg-slate-50" style={brandShades(brand?.color)}>
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
