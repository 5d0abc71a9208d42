/**
 * One template per kind of message: what it says, for the bell and the e-mail alike (email-render.tsx lays it out).
 * Dates are calendar days; `formatDay` writes them the way the rest of Baton does.
 */
import { formatDay } from "../readiness/rules";
import type { MessageContent } from "./content";

export function invitationMessage(p: { link: string; expiresAt: Date; invitedBy: string }): MessageContent {
  return {
    subject: "You're invited to Baton",
    lines: [
      `${p.invitedBy} invited you to Baton, where your onboarding courses are waiting.`,
      `Set your password to sign in. The link works once and until ${formatDay(p.expiresAt)}.`,
    ],
    action: { label: "Set your password", path: p.link },
  };
}

export function passwordResetMessage(p: { link: string }): MessageContent {
  return {
    subject: "Reset your Baton password",
    lines: [
      "Someone (we hope you) asked to reset your Baton password.",
      "The link works once, for one hour. If it wasn't you, ignore this e-mail: your password stays as it is.",
    ],
    action: { label: "Choose a new password", path: p.link },
  };
}

type DueItem = { courseTitle: string; courseSlug: string; dueDate: Date; curriculumName: string };

/** A course of a newly assigned curriculum: its due date for this person (null: none) and whether it is required. */
export type AssignedItem = { courseTitle: string; dueDate: Date | null; required: boolean };

export function curriculumAssignedMessage(p: { curriculumName: string; courses: AssignedItem[]; assignedBy: string | null }): MessageContent {
  const detail = (c: AssignedItem) =>
    [c.dueDate ? `due ${formatDay(c.dueDate)}` : null, c.required ? null : "optional"].filter(Boolean).join(", ") || undefined;
  return {
    subject: `New for you: ${p.curriculumName}`,
    lines: [
      `${p.assignedBy ? `${p.assignedBy} assigned` : "You were assigned"} the curriculum “${p.curriculumName}”.`,
      p.courses.some((c) => c.dueDate) ? "What it asks of you, and by when:" : "It has no due dates: take it at your own pace.",
    ],
    items: p.courses.map((c) => ({ text: c.courseTitle, detail: detail(c) })),
    action: { label: "Open My learning", path: "/learn" },
  };
}

export type ReminderItem = DueItem & { when: "in 7 days" | "tomorrow" | "today" | "overdue" };

export function dueReminderMessage(p: { items: ReminderItem[] }): MessageContent {
  const overdue = p.items.filter((i) => i.when === "overdue").length;
  const first = p.items[0]!;
  const subject =
    p.items.length === 1
      ? first.when === "overdue"
        ? `Overdue: ${first.courseTitle}`
        : `Due ${first.when}: ${first.courseTitle}`
      : overdue
        ? `${p.items.length} courses need you (${overdue} overdue)`
        : `${p.items.length} courses due soon`;
  return {
    subject,
    lines: ["Here is what is coming up in your onboarding."],
    items: p.items.map((i) => ({
      text: i.courseTitle,
      detail: i.when === "overdue" ? `was due ${formatDay(i.dueDate)}` : `due ${i.when}, ${formatDay(i.dueDate)}`,
    })),
    action: { label: "Continue learning", path: "/learn" },
  };
}

export function managerNudgeMessage(p: { managerName: string; note: string | null; items: { text: string; detail?: string }[] }): MessageContent {
  return {
    subject: `A reminder from ${p.managerName}`,
    lines: [`${p.managerName} would like you to pick up your onboarding.`, ...(p.note ? [`“${p.note}”`] : [])],
    items: p.items,
    action: { label: "Open My learning", path: "/learn" },
  };
}

export function practiceSubmittedMessage(p: { learnerName: string; taskTitle: string; submissionId: string }): MessageContent {
  return {
    subject: `${p.learnerName} asks for your sign-off`,
    lines: [`${p.learnerName} did the practice task “${p.taskTitle}” and asks you to sign it off or return it with notes.`],
    action: { label: "Review the practice", path: `/practice/${p.submissionId}` },
  };
}

export function practiceReviewedMessage(p: {
  reviewerName: string;
  taskTitle: string;
  signedOff: boolean;
  note: string | null;
  lessonPath: string;
}): MessageContent {
  return {
    subject: p.signedOff ? `Signed off: ${p.taskTitle}` : `Returned with notes: ${p.taskTitle}`,
    lines: [
      p.signedOff
        ? `${p.reviewerName} signed off your practice “${p.taskTitle}”.`
        : `${p.reviewerName} returned your practice “${p.taskTitle}” with notes. Try again and submit it once more.`,
      ...(p.note ? [`“${p.note}”`] : []),
    ],
    action: { label: "Open the lesson", path: p.lessonPath },
  };
}

export function feedbackReplyMessage(p: { courseTitle: string; replierName: string; reply: string; coursePath: string }): MessageContent {
  return {
    subject: `A reply to your feedback on ${p.courseTitle}`,
    lines: [`${p.replierName} answered what you told us about “${p.courseTitle}”:`, `“${p.reply}”`],
    action: { label: "Open the course", path: p.coursePath },
  };
}

export function storyAboutYouMessage(p: { authorName: string; title: string }): MessageContent {
  return {
    subject: `${p.authorName} shared a story about you`,
    lines: [`${p.authorName} shared a service story about you: “${p.title}”.`],
    action: { label: "Read it", path: "/stories" },
  };
}

export type DigestLine = { text: string; detail?: string };

export function managerDigestMessage(p: { weekOf: Date; counts: DigestLine[]; needHelp: DigestLine[]; signOffs: number }): MessageContent {
  return {
    subject: `Your team this week (${formatDay(p.weekOf)})`,
    lines: [
      `Where your team stands: ${p.counts.map((c) => `${c.text} ${c.detail}`).join(", ") || "nobody has a curriculum yet"}.`,
      p.signOffs ? `${p.signOffs} practice ${p.signOffs === 1 ? "task waits" : "tasks wait"} for your sign-off.` : "No practice waits for your sign-off.",
      p.needHelp.length ? "Who needs help first:" : "Nobody is behind. Thank you!",
    ],
    items: p.needHelp,
    action: { label: "Open My team", path: "/team" },
  };
}

export function escalationMessage(p: { personName: string; personId: string; state: string; reasons: string[] }): MessageContent {
  return {
    subject: `${p.personName} needs help: ${p.state}`,
    lines: [`${p.personName} is ${p.state.toLowerCase()} and has been for a while. Their manager may need a hand.`],
    items: p.reasons.map((r) => ({ text: r })),
    action: { label: "See their readiness", path: `/hr/readiness/${p.personId}` },
  };
}
