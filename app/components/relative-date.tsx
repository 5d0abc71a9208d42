import { daysUntil, dueInWords, exactDue } from "~/utils/relative-date";

/**
 * A due date in words ("due Thursday"; overdue in red) with the exact day on hover (title) and for screen
 * readers (read after the words). Not focusable: jsx-a11y keeps tab stops for controls, so a page that needs
 * the exact day in sight (the course page) writes it out. `today` comes from the loader (utils/relative-date.ts).
 */
export function RelativeDue({ date, today, className = "" }: { date: Date | string; today: string; className?: string }) {
  const exact = exactDue(date);
  return (
    <time
      dateTime={new Date(date).toISOString().slice(0, 10)}
      title={exact}
      className={`underline decoration-dotted underline-offset-2 ${daysUntil(date, today) < 0 ? "font-semibold text-red-800" : ""} ${className}`}
    >
      {dueInWords(date, today)}
      <span className="sr-only"> ({exact})</span>
    </time>
  );
}
