import { Link } from "@remix-run/react";
import type { SignOffQueueItem } from "~/.server/practice/submissions";
import { formatDate } from "~/utils/format";

/** Practice tasks waiting for someone to observe and sign them off, oldest first. */
export function SignOffQueue({ items, showManager = false }: { items: SignOffQueueItem[]; showManager?: boolean }) {
  return (
    <section aria-labelledby="signoff-heading" className="mb-8">
      <h2 id="signoff-heading" className="text-lg font-semibold">
        To sign off ({items.length})
      </h2>
      {items.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">No practice task is waiting for you.</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {items.map((item) => (
            <li key={item.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
              <div className="min-w-0">
                <p className="font-medium">
                  {item.person.name} · {item.taskTitle}
                </p>
                <p className="text-sm text-slate-600">
                  {item.courseTitle} · submitted {formatDate(item.submittedAt)}
                  {showManager ? ` · manager ${item.person.managerName ?? "none"}` : ""}
                </p>
                {item.note ? <p className="mt-1 line-clamp-2 text-sm text-slate-700">{item.note}</p> : null}
              </div>
              <Link
                to={`/practice/${item.id}`}
                className="rounded-md bg-brand-600 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-700"
                aria-label={`Review ${item.taskTitle} by ${item.person.name}`}
              >
                Review
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
