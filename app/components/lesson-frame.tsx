import { Link } from "@remix-run/react";

/** "In this lesson you will …": the lesson's objectives, as learners (and HR previewing) see them. */
export function LessonObjectives({ objectives }: { objectives: string[] }) {
  return (
    <div className="mt-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-600">In this lesson you will</h2>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {objectives.map((o) => (
          <li key={o}>{o}</li>
        ))}
      </ul>
    </div>
  );
}

type Neighbour = { slug: string; title: string } | null;

/** Previous and next lesson, or back to the course after the last one. `base` + "/" + slug is a lesson's address. */
export function LessonPager({
  base,
  courseHref,
  previous,
  next,
  label,
}: {
  base: string;
  courseHref: string;
  previous: Neighbour;
  next: Neighbour;
  label?: string;
}) {
  return (
    <nav aria-label={label ?? "Lessons"} className="mt-8 flex justify-between gap-4 text-sm">
      {previous ? (
        <Link to={`${base}/${previous.slug}`} className="text-brand-700 hover:underline">
          ← {previous.title}
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link to={`${base}/${next.slug}`} className="text-right font-semibold text-brand-700 hover:underline">
          {next.title} →
        </Link>
      ) : (
        <Link to={courseHref} className="font-semibold text-brand-700 hover:underline">
          Back to the course →
        </Link>
      )}
    </nav>
  );
}
