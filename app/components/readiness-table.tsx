import { Link } from "@remix-run/react";
import { DataTable } from "~/components/ui";
import { formatDate } from "~/utils/format";
import type { State } from "./charts/readiness-colors";
import { ReadinessBadge, Reasons } from "./readiness";

export type ReadinessListItem = {
  personId: string;
  name: string;
  email: string;
  department: string | null;
  managerName: string | null;
  startDate: Date | string | null;
  state: State;
  reasons: string[];
  since: Date | string | null;
  lastActivity: Date | string | null;
  recentQuizzes: { lessonTitle: string; bestScore: number; passed: boolean }[];
  overdue: number;
  curricula: { id: string; name: string; requiredDone: number; requiredWaived: number; requiredTotal: number }[];
};

/** People with their state and reasons, as the team view and the HR report list them. */
export function ReadinessTable({ people, hrefFor, showManager }: { people: ReadinessListItem[]; hrefFor: (id: string) => string; showManager?: boolean }) {
  const headers = [
    "Person",
    "State and reasons",
    "Curricula (required courses done)",
    "Latest quizzes (best)",
    ...(showManager ? ["Manager"] : []),
    "Start date",
    "Last activity",
  ];
  return (
    <DataTable headers={headers}>
      {people.map((p) => (
        <tr key={p.personId} className="align-top">
          <td className="px-4 py-3">
            <Link to={hrefFor(p.personId)} className="font-medium text-brand-700 hover:underline">
              {p.name}
            </Link>
            <div className="text-slate-500">{p.department ?? "No department"}</div>
          </td>
          <td className="px-4 py-3 max-sm:col-span-2">
            <ReadinessBadge state={p.state} />
            {p.overdue > 0 ? <span className="ml-2 text-xs font-semibold text-red-700">{p.overdue} overdue</span> : null}
            <Reasons reasons={p.reasons} limit={3} />
          </td>
          <td className="px-4 py-3">
            {p.curricula.length === 0 ? (
              "—"
            ) : (
              <ul>
                {p.curricula.map((c) => (
                  <li key={c.id}>
                    {c.name}: {c.requiredDone}/{c.requiredTotal}
                    {c.requiredWaived > 0 ? <span className="text-slate-600"> (+{c.requiredWaived} waived)</span> : null}
                  </li>
                ))}
              </ul>
            )}
          </td>
          <td className="px-4 py-3">
            {p.recentQuizzes.length === 0 ? (
              "—"
            ) : (
              <ul>
                {p.recentQuizzes.map((q) => (
                  <li key={q.lessonTitle}>
                    {q.lessonTitle}: <span className={q.passed ? "text-green-800" : "text-amber-800"}>{q.bestScore}%</span>
                  </li>
                ))}
              </ul>
            )}
          </td>
          {showManager ? <td className="px-4 py-3">{p.managerName ?? "—"}</td> : null}
          <td className="px-4 py-3">{formatDate(p.startDate)}</td>
          <td className="px-4 py-3">{p.lastActivity ? formatDate(p.lastActivity) : "None yet"}</td>
        </tr>
      ))}
    </DataTable>
  );
}
