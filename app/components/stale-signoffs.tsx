import { Link } from "@remix-run/react";
import { formatDate } from "~/utils/format";

type Row = { manager: string; waiting: number; oldest: Date | string };

/** Where practice sign-offs are stuck: tasks waiting more than a week, by the manager who should act. */
export function StaleSignOffs({ rows, days }: { rows: Row[]; days: number }) {
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="stale-heading" className="mt-6 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h2 id="stale-heading" className="font-semibold text-amber-950">
        Sign-offs waiting more than {days} days
      </h2>
      <table className="mt-2 w-full text-left text-sm">
        <caption className="sr-only">Practice tasks waiting for sign-off more than {days} days, by manager</caption>
        <thead>
          <tr>
            <th scope="col" className="py-1 pr-4">
              Manager
            </th>
            <th scope="col" className="py-1 pr-4">
              Waiting
            </th>
            <th scope="col" className="py-1">
              Oldest since
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.manager} className="border-t border-amber-200">
              <td className="py-1 pr-4">{r.manager}</td>
              <td className="py-1 pr-4">{r.waiting}</td>
              <td className="py-1">{formatDate(r.oldest)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Link to="/hr/signoffs?scope=all" className="mt-2 inline-block text-sm font-medium text-amber-950 underline">
        See every waiting sign-off
      </Link>
    </section>
  );
}
