import type { LoaderFunctionArgs } from "@remix-run/node";
import { navCounts } from "~/.server/views/learner";
import { Form, NavLink, Outlet, useLoaderData, useLocation, useRouteLoaderData } from "@remix-run/react";
import { requireUser } from "~/.server/auth/require-user";
import { readsFeedback } from "~/.server/feedback/owners";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import type { loader as rootLoader } from "~/root";
import { DEFAULT_BRAND_NAME } from "~/utils/brand";
import { roleLabel } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const { signOffs, unread } = await navCounts(viewer);
  return {
    viewer: { name: viewer.name, email: viewer.email, role: viewer.role, readsFeedback: readsFeedback(viewer), signOffs, unread },
  };
}

type NavItem = { to: string; label: string; count?: number };
type NavViewer = { role: "LEARNER" | "MANAGER" | "HR"; readsFeedback?: boolean; signOffs?: number };

/** `readsFeedback`: HR, or the owner of at least one course (the Feedback page). `signOffs`: practice tasks waiting for this person. */
function navFor({ role, readsFeedback = false, signOffs = 0 }: NavViewer): NavItem[] {
  const items: NavItem[] = [
    { to: "/learn", label: "My learning" },
    { to: "/stories", label: "Stories" },
  ];
  if (role === "MANAGER") items.unshift({ to: "/team", label: "My team", count: signOffs }, { to: "/hr/courses", label: "Courses" });
  if (role === "HR") {
    items.unshift(
      { to: "/hr/readiness", label: "Readiness" },
      { to: "/hr/signoffs", label: "Sign-offs", count: signOffs },
      { to: "/hr/people", label: "People" },
      { to: "/hr/curricula", label: "Curricula" },
      { to: "/hr/certificates", label: "Certificates" },
      { to: "/hr/courses", label: "Courses" },
      { to: "/hr/import", label: "Import" },
      { to: "/hr/outbox", label: "Outbox" },
      { to: "/hr/audit", label: "Audit log" },
      { to: "/hr/integrations", label: "Integrations" },
    );
  }
  if (readsFeedback) items.push({ to: "/feedback", label: "Feedback" });
  return items;
}

/** The bell: a link to the notifications page, its accessible name carrying the unread count. */
function NotificationBell({ unread }: { unread: number }) {
  return (
    <NavLink
      to="/notifications"
      aria-label={unread > 0 ? `Notifications, ${unread} unread` : "Notifications"}
      className={({ isActive }) => `relative rounded-md p-2 ${isActive ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100"}`}
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={1.8}
        strokeLinecap="round"
        strokeLinejoin="round"
        className="h-5 w-5"
      >
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread > 0 ? (
        <span
          aria-hidden="true"
          className="absolute -right-1 -top-1 min-w-5 rounded-full bg-red-700 px-1 text-center text-xs font-semibold leading-5 text-white"
        >
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </NavLink>
  );
}

/** The organisation's name (and logo) where Baton's name was; the logo is decoration beside the name. */
function BrandHome() {
  const brand = useRouteLoaderData<typeof rootLoader>("root")?.brand;
  return (
    <a href="/" className="flex min-w-0 flex-1 items-center gap-2 text-xl font-bold text-brand-700 sm:flex-none">
      {brand?.logoUrl ? <img src={brand.logoUrl} alt="" className="h-8 w-auto max-w-32 shrink-0 object-contain" /> : null}
      <span className="truncate">{brand?.name ?? DEFAULT_BRAND_NAME}</span>
    </a>
  );
}

function NavLinks({ items }: { items: NavItem[] }) {
  return items.map((item) => (
    <NavLink
      key={item.to}
      to={item.to}
      className={({ isActive }) => `rounded-md px-3 py-2 text-sm font-medium ${isActive ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100"}`}
    >
      {item.label}
      {item.count ? (
        <span className="ml-1.5 rounded-full bg-amber-600 px-1.5 py-0.5 text-xs font-semibold text-white">
          {item.count}
          <span className="sr-only"> to sign off</span>
        </span>
      ) : null}
    </NavLink>
  ));
}

function AccountLink({ viewer }: { viewer: NavViewer & { name: string } }) {
  return (
    <NavLink to="/account" className="text-slate-700 hover:underline">
      {viewer.name} <span className="text-slate-500">· {roleLabel[viewer.role]}</span>
    </NavLink>
  );
}

function SignOut() {
  return (
    <Form method="post" action="/logout">
      <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50">
        Sign out
      </button>
    </Form>
  );
}

/**
 * Below 640 px the links, the account and "Sign out" fold behind a "Menu" disclosure; the bell stays in the bar.
 * The <details> holds only its summary and the panels follow it in the page's order, shown by a CSS rule while it is
 * open (app/styles/app.css): it works before scripts load, and nothing is rendered twice. Keyed by the location,
 * so it closes when a link is followed.
 */
function MenuToggle({ waiting }: { waiting: boolean }) {
  const location = useLocation();
  return (
    <details key={location.key} className="site-menu sm:hidden">
      <summary className="flex cursor-pointer list-none items-center gap-1.5 rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 [&::-webkit-details-marker]:hidden">
        <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" className="h-4 w-4">
          <path d="M4 6h16M4 12h16M4 18h16" />
        </svg>
        Menu
        {waiting ? <span aria-hidden="true" className="h-2 w-2 rounded-full bg-amber-600" /> : null}
      </summary>
    </details>
  );
}

function Shell({ children, viewer }: { children: React.ReactNode; viewer?: NavViewer & { name: string; unread?: number } }) {
  const items = viewer ? navFor(viewer) : [];
  // DOM order is the phone's (bar, then what the menu opens); `sm:order-*` puts the desktop bar back as it was.
  return (
    <div className="min-h-full">
      <header className="site-header border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <BrandHome />
          {viewer ? (
            <>
              <div className="ml-auto flex shrink-0 items-center gap-3 text-sm sm:order-2">
                <NotificationBell unread={viewer.unread ?? 0} />
                <MenuToggle waiting={items.some((i) => i.count)} />
              </div>
              <nav aria-label="Main" className="site-menu-panel hidden w-full flex-col gap-1 sm:order-1 sm:flex sm:w-auto sm:flex-row sm:flex-wrap">
                <NavLinks items={items} />
              </nav>
              <div className="site-menu-panel hidden w-full items-center justify-between gap-3 border-t border-slate-200 pt-3 text-sm sm:order-3 sm:flex sm:w-auto sm:border-0 sm:pt-0">
                <AccountLink viewer={viewer} />
                <SignOut />
              </div>
            </>
          ) : null}
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-8 outline-none">
        {children}
      </main>
    </div>
  );
}

export default function AppLayout() {
  const { viewer } = useLoaderData<typeof loader>();
  return (
    <Shell viewer={viewer}>
      <Outlet />
    </Shell>
  );
}

export function ErrorBoundary() {
  // The layout's loader may have succeeded even though a page below it failed: keep the navigation.
  const viewer = useRouteLoaderData<typeof loader>("routes/_app")?.viewer;
  return (
    <Shell viewer={viewer}>
      <GeneralErrorBoundary />
    </Shell>
  );
}
