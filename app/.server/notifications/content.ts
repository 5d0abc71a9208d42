/** What a message says, once: the bell shows it, and the e-mail renders it as plain text and HTML. */
export type MessageContent = {
  subject: string;
  /** Paragraphs, in order. */
  lines: string[];
  /** A list under the paragraphs (courses due, people who need help…). */
  items?: { text: string; detail?: string }[];
  /** The one thing to do next: a path inside Baton (or a full URL for one-time links). */
  action?: { label: string; path: string };
};

/** The in-app body: the paragraphs and the list, as short plain text. */
export function appBody(content: MessageContent): string {
  const items = (content.items ?? []).map((i) => `• ${i.text}${i.detail ? ` (${i.detail})` : ""}`);
  return [...content.lines, ...items].join("\n");
}

export const absolute = (path: string, origin: string) => (/^https?:\/\//.test(path) ? path : `${origin}${path}`);
