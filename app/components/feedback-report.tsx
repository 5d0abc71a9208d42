import type { CourseFeedbackReport } from "~/.server/feedback/report";
import type { Mean, Trend } from "~/.server/feedback/summary";
import { DataTable } from "~/components/ui";

/** "4.2" — or a dash when nobody has answered. */
export const average = (m: Mean) => (m.average === null ? "—" : m.average.toFixed(1));

const trendText: Record<Trend, string> = { up: "↑ Better lately", down: "↓ Worse lately", steady: "→ Steady" };
const trendStyle: Record<Trend, string> = { up: "text-green-800", down: "text-red-800", steady: "text-slate-700" };

/** Rating per lesson: average and count, then the last 30 days against the time before. */
export function LessonRatings({ lessons }: { lessons: CourseFeedbackReport["lessons"] }) {
  const days = lessons[0]?.days ?? 30;
  return (
    <DataTable
      headers={["Lesson", "Average (1–5)", "Ratings", `Last ${days} days`, "Before", "Trend"]}
      caption="Was this useful? Ratings per lesson, with their trend"
    >
      {lessons.map((l) => (
        <tr key={l.slug}>
          <th scope="row" className="px-4 py-3 text-left font-medium">
            {l.number}. {l.title}
          </th>
          <td className="px-4 py-3">{average(l.all)}</td>
          <td className="px-4 py-3">{l.all.count}</td>
          <td className="px-4 py-3">
            {average(l.recent)} <span className="text-slate-600">({l.recent.count})</span>
          </td>
          <td className="px-4 py-3">
            {average(l.earlier)} <span className="text-slate-600">({l.earlier.count})</span>
          </td>
          <td className={`px-4 py-3 ${l.trend ? trendStyle[l.trend] : "text-slate-600"}`}>{l.trend ? trendText[l.trend] : "Not enough yet"}</td>
        </tr>
      ))}
    </DataTable>
  );
}

const signed = (n: number) => `${n > 0 ? "+" : n < 0 ? "−" : "±"}${Math.abs(n).toFixed(1)}`;

/** Confidence before and after the course, and the gain among people who answered both. */
export function ConfidenceSummary({ question, confidence }: { question: string; confidence: CourseFeedbackReport["confidence"] }) {
  const { before, after, gain } = confidence;
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-5">
      <p className="text-sm text-slate-600">“{question}”</p>
      <dl className="mt-3 grid gap-4 sm:grid-cols-3">
        <div>
          <dt className="text-sm text-slate-600">Before the course</dt>
          <dd className="text-2xl font-bold">{average(before)}</dd>
          <dd className="text-sm text-slate-600">{before.count} answers</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">After the course</dt>
          <dd className="text-2xl font-bold">{average(after)}</dd>
          <dd className="text-sm text-slate-600">{after.count} answers</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">Gain</dt>
          <dd className="text-2xl font-bold">{gain.average === null ? "—" : signed(gain.average)}</dd>
          <dd className="text-sm text-slate-600">among {gain.count} people who answered both</dd>
        </div>
      </dl>
    </div>
  );
}
