import type { FeedbackReply } from "~/.server/feedback/replies";
import type { FeedbackStatus } from "~/.server/feedback/rules";
import { formatDate } from "~/utils/format";

/** How a reply continues the learner's words: "You said “…” — we changed: …". */
const continuation: Record<FeedbackStatus, string> = {
  NEW: "we replied:",
  PLANNED: "we plan to change it:",
  CHANGED: "we changed:",
  DECLINED: "we decided not to:",
};

function AnsweredList({ title, who, replies, showCourse }: { title: string; who: string; replies: FeedbackReply[]; showCourse: boolean }) {
  if (replies.length === 0) return null;
  const id = `answered-${who.toLowerCase()}`;
  return (
    <section aria-labelledby={id} className="mt-8">
      <h2 id={id} className="mb-3 text-lg font-semibold">
        {title}
      </h2>
      <ul className="space-y-3">
        {replies.map((r) => (
          <li key={r.id} className="rounded-lg border border-slate-200 bg-white p-4">
            <p className="text-xs text-slate-600">
              {showCourse ? `${r.courseTitle} · ` : ""}
              {r.lessonTitle}
            </p>
            <p className="mt-1 whitespace-pre-line">
              {who} said “{r.comment}” — <strong>{continuation[r.status]}</strong> {r.reply}
            </p>
            <p className="mt-1 text-xs text-slate-600">
              {r.repliedByName ? `${r.repliedByName}, ` : ""}
              {formatDate(r.repliedAt)}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** My learning: the learner's own named comments that were answered "changed" or "declined" (repliesFor). */
export function FeedbackReplies({ replies }: { replies: FeedbackReply[] }) {
  return <AnsweredList title="Your feedback, answered" who="You" replies={replies} showCourse />;
}

/** The course page: anonymous comments on the course and what was done about them (anonymousRepliesFor). */
export function AnonymousReplies({ replies }: { replies: FeedbackReply[] }) {
  return <AnsweredList title="What learners told us, and what we did" who="Someone" replies={replies} showCourse={false} />;
}
