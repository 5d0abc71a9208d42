/** Every kind of message Baton sends, with who gets it and on which channels (shared by server and account page). */
export const NOTIFICATION_KINDS = {
  invitation: { label: "Invitation to Baton", audience: "New people", channels: ["email"], required: true },
  password_reset: { label: "Password reset link", audience: "Anyone who asks", channels: ["email"], required: true },
  curriculum_assigned: { label: "A curriculum was assigned to you", audience: "Learners", channels: ["app", "email"], required: false },
  due_reminder: { label: "Reminders of due dates (7 days, tomorrow, today, overdue)", audience: "Learners", channels: ["app", "email"], required: false },
  manager_nudge: { label: "A reminder from your manager", audience: "Learners", channels: ["app", "email"], required: false },
  practice_submitted: { label: "Practice waiting for your sign-off", audience: "Managers", channels: ["app", "email"], required: false },
  practice_reviewed: { label: "Your practice was signed off or returned", audience: "Learners", channels: ["app", "email"], required: false },
  feedback_reply: { label: "A reply to your feedback", audience: "Everyone", channels: ["app", "email"], required: false },
  story_about_you: { label: "A story about you", audience: "Everyone", channels: ["app", "email"], required: false },
  manager_digest: { label: "Weekly team digest", audience: "Managers", channels: ["app", "email"], required: false },
  escalation: { label: "People overdue for long or blocked", audience: "HR", channels: ["app", "email"], required: false },
  certificate_issued: { label: "Your certificate for a completed curriculum", audience: "Learners", channels: ["app", "email"], required: false },
  certificate_revoked: { label: "One of your certificates was revoked", audience: "Learners", channels: ["app", "email"], required: false },
  certificate_renewal_due: { label: "A certificate is due for renewal", audience: "Learners", channels: ["app", "email"], required: false },
  lesson_reopened: { label: "Lessons to review again after a course changed", audience: "Learners", channels: ["app", "email"], required: false },
} as const satisfies Record<string, { label: string; audience: string; channels: readonly Channel[]; required: boolean }>;

export type Channel = "app" | "email";
export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
const NOTIFICATION_KIND_NAMES = Object.keys(NOTIFICATION_KINDS) as NotificationKind[];
export const CHANNEL_LABEL: Record<Channel, string> = { app: "In Baton", email: "E-mail" };

export const isNotificationKind = (value: string): value is NotificationKind => value in NOTIFICATION_KINDS;

/** Kinds a person may switch off, with the channels they come on. */
export const OPTIONAL_KINDS = NOTIFICATION_KIND_NAMES.filter((k) => !NOTIFICATION_KINDS[k].required);
