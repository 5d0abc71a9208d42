import { Form, useActionData } from "@remix-run/react";
import type { StoryCard as Story } from "~/.server/stories/list";
import type { StoryActionData } from "~/.server/stories/respond";
import { formatDate } from "~/utils/format";
import { ConfirmAction } from "./confirm-action";
import { TextAreaField } from "./ui";
import { Button } from "./ui";

/** The behaviour a story shows, as a small label. */
export function BehaviourBadge({ name }: { name: string }) {
  return <span className="inline-block rounded-full bg-brand-50 px-2.5 py-0.5 text-xs font-semibold text-brand-800">{name}</span>;
}

export function HighlightBadge({ by }: { by: string }) {
  return (
    <span className="inline-block rounded-full bg-amber-100 px-2.5 py-0.5 text-xs font-semibold text-amber-900">
      <span aria-hidden>★ </span>Highlighted by {by}
    </span>
  );
}

/** One small form posting an intent about one story. */
function StoryButton({ intent, storyId, label, variant = "secondary" }: { intent: string; storyId: string; label: string; variant?: "secondary" | "danger" }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="story" value={storyId} />
      <Button type="submit" variant={variant} className="px-3 py-1.5">
        {label}
      </Button>
    </Form>
  );
}

function HideForm({ story }: { story: Story }) {
  const data = useActionData<StoryActionData>();
  const errors = data && !data.ok && data.intent === "hide" && data.storyId === story.id ? data.fieldErrors : {};
  return (
    <details open={Boolean(errors.reason)} className="w-full">
      <summary className="cursor-pointer text-sm font-semibold text-red-800">Hide this story…</summary>
      <Form method="post" className="mt-2 space-y-2">
        <input type="hidden" name="intent" value="hide" />
        <input type="hidden" name="story" value={story.id} />
        <TextAreaField id={`hide-${story.id}`} name="reason" label="Why hide it? (kept in the audit log)" rows={2} maxLength={500} error={errors.reason} />
        <Button type="submit" variant="danger" className="px-3 py-1.5">
          Hide story
        </Button>
      </Form>
    </details>
  );
}

export type StoryPermissions = { highlight: boolean; hide: boolean };

/** What the viewer may do with this story: the author deletes, managers and HR highlight, HR hides and unhides. */
function StoryActions({ story, can }: { story: Story; can: StoryPermissions }) {
  if (story.hidden) return can.hide ? <StoryButton intent="unhide" storyId={story.id} label="Show again" /> : null;
  return (
    <>
      {story.mine ? (
        <ConfirmAction
          label="Delete"
          triggerClassName="px-3 py-1.5"
          title="Delete your story?"
          effect={`Your story about ${story.subject.name} is removed for everyone, ${story.subject.name} included. This cannot be undone.`}
          confirmLabel="Delete the story"
        >
          <input type="hidden" name="intent" value="delete" />
          <input type="hidden" name="story" value={story.id} />
        </ConfirmAction>
      ) : null}
      {can.highlight ? (
        <StoryButton intent={story.highlighted ? "unhighlight" : "highlight"} storyId={story.id} label={story.highlighted ? "Remove highlight" : "Highlight"} />
      ) : null}
      {can.hide ? <HideForm story={story} /> : null}
    </>
  );
}

/** A story as the lists show it: who about whom, the behaviour, the date, the highlight, the text as written. */
export function StoryItem({ story, can }: { story: Story; can: StoryPermissions }) {
  const titleId = `story-${story.id}`;
  return (
    <article aria-labelledby={titleId} className="rounded-lg border border-slate-200 bg-white p-4">
      <h3 id={titleId} className="font-semibold">
        {story.author.name} <span className="font-normal text-slate-600">about</span> {story.subject.name}
        {story.subject.department ? <span className="font-normal text-slate-600"> · {story.subject.department}</span> : null}
      </h3>
      <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
        <BehaviourBadge name={story.behaviour.name} />
        <time dateTime={new Date(story.createdAt).toISOString()}>{formatDate(story.createdAt)}</time>
        {story.highlighted ? <HighlightBadge by={story.highlighted.by} /> : null}
      </p>
      <p className="mt-3 whitespace-pre-line break-words">{story.text}</p>
      {story.hidden ? (
        <p className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900">
          Hidden by {story.hidden.by} on {formatDate(story.hidden.at)}: {story.hidden.reason}
        </p>
      ) : null}
      <div className="mt-3 flex flex-wrap items-start gap-2">
        <StoryActions story={story} can={can} />
      </div>
    </article>
  );
}
