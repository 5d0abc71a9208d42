/** What Baton tells a person whose completed lessons a course change re-opened (the bell and the e-mail alike). */
import type { MessageContent } from "../../notifications/content";

const dayFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

export function lessonsReopenedMessage(p: { courseSlug: string; courseTitle: string; lessons: { title: string; note: string }[]; dueDate: Date }): MessageContent {
  const one = p.lessons.length === 1;
  return {
    subject: `${one ? "A lesson" : "Lessons"} of ${p.courseTitle} changed: please review ${one ? "it" : "them"}`,
    lines: [
      `${one ? "A lesson you completed" : `${p.lessons.length} lessons you completed`} in “${p.courseTitle}” changed in a way that matters. Your earlier completion stays on record.`,
      `Please go through ${one ? "it" : "them"} again by ${dayFormat.format(p.dueDate)}.`,
    ],
    items: p.lessons.map((l) => ({ text: l.title, detail: l.note })),
    action: { label: "Open the course", path: `/learn/${p.courseSlug}` },
  };
}
