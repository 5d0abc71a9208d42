import { Link } from "@remix-run/react";
import type { StoryCard } from "~/.server/stories/list";
import { formatDate } from "~/utils/format";
import { BehaviourBadge, HighlightBadge } from "./story-card";

/** The home page's panel: the newest stories colleagues told about the viewer (from `storiesAbout`). */
export function StoriesAboutYou({ stories }: { stories: StoryCard[] }) {
  return (
    <section aria-labelledby="stories-about-you" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="stories-about-you" className="text-lg font-semibold">
        Stories about you
      </h2>
      {stories.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">When a colleague tells a story about the service you gave them, you will find it here.</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100">
          {stories.map((s) => (
            <li key={s.id} className="py-3">
              <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
                <BehaviourBadge name={s.behaviour.name} />
                <span>
                  from <strong className="font-semibold text-slate-800">{s.author.name}</strong>,{" "}
                  <time dateTime={new Date(s.createdAt).toISOString()}>{formatDate(s.createdAt)}</time>
                </span>
                {s.highlighted ? <HighlightBadge by={s.highlighted.by} /> : null}
              </p>
              <p className="mt-1 whitespace-pre-line break-words">{s.text}</p>
            </li>
          ))}
        </ul>
      )}
      <Link to="/stories?view=about-me" className="mt-2 inline-block text-sm font-medium text-brand-700 hover:underline">
        All stories about you
      </Link>
    </section>
  );
}
