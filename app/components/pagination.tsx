import { Link } from "@remix-run/react";

/** Previous / next and numbered page links around the current page; a nav landmark, keyboard-reachable links. */
export function Pagination({ page, pages, hrefFor, label }: { page: number; pages: number; hrefFor: (page: number) => string; label: string }) {
  if (pages <= 1) return null;
  const around = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  const link =
    "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-700";
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap items-center gap-2">
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} className={link} rel="prev">
          Previous
        </Link>
      ) : null}
      {around.map((p, i) => (
        <span key={p} className="flex items-center gap-2">
          {i > 0 && p - around[i - 1]! > 1 ? <span aria-hidden="true">…</span> : null}
          {p === page ? (
            <span aria-current="page" className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-semibold text-white">
              <span className="sr-only">Page </span>
              {p}
            </span>
          ) : (
            <Link to={hrefFor(p)} className={link} aria-label={`Page ${p}`}>
              {p}
            </Link>
          )}
        </span>
      ))}
      {page < pages ? (
        <Link to={hrefFor(page + 1)} className={link} rel="next">
          Next
        </Link>
      ) : null}
      <span className="text-sm text-slate-600">
        Page {page} of {pages}
      </span>
    </nav>
  );
}
