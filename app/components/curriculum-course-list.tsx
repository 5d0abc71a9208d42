import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent, type ReactNode } from "react";
import { builderInputClass, DueRuleInputs } from "~/components/curriculum-due-rule";
import { useHydrated } from "~/components/use-hydrated";

type Values = Partial<Record<string, string>>;
export type CourseOption = { slug: string; title: string; audience: string; minutes: number };
type Step = "up" | "down" | "remove";

const rowButton =
  "rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 aria-disabled:cursor-not-allowed aria-disabled:opacity-50";

/** How many results the library search lists at once. */
const SHOWN_RESULTS = 6;

/** The list's order from the form values: known courses, each once. */
const initialOrder = (values: Values, known: Map<string, CourseOption>) => [
  ...new Set((values.courseOrder ?? "").split(" ").filter((slug) => known.has(slug))),
];

/**
 * The curriculum's courses as an ordered list: reorder with Move up / Move down (keyboard), by dragging the handle
 * (mouse), remove, and add from a search over the library. Each row posts a hidden `course` field, so the server
 * reads the order from the sequence. Without JavaScript the same buttons post the form with `builder` naming the
 * step and the server answers with the list changed (see builderStep).
 */
export function CourseListBuilder({
  courses,
  values,
  errorOf,
  onListChange,
}: {
  courses: CourseOption[];
  values: Values;
  errorOf: (name: string) => string | undefined;
  /** Called after each change to the list (its error, if any, no longer applies). */
  onListChange: () => void;
}) {
  const hydrated = useHydrated();
  const known = new Map(courses.map((c) => [c.slug, c]));
  const [order, setOrder] = useState(() => initialOrder(values, known));
  const [announcement, setAnnouncement] = useState("");
  const [dragged, setDragged] = useState<string | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);
  const [query, setQuery] = useState("");
  const controls = useRef(new Map<string, HTMLElement>());
  const focusNext = useRef<string | null>(null);

  // Focus follows the moved row's button (React moves the row's element, which drops focus in some browsers).
  useEffect(() => {
    if (focusNext.current) controls.current.get(focusNext.current)?.focus();
    focusNext.current = null;
  }, [order]);

  const titleOf = (slug: string) => known.get(slug)?.title ?? slug;
  const change = (next: string[], message: string, focus: string | null) => {
    focusNext.current = focus;
    setOrder(next);
    setAnnouncement(message);
    onListChange();
  };
  const moveTo = (slug: string, to: number, focus: string | null) => {
    const next = order.filter((s) => s !== slug);
    next.splice(to, 0, slug);
    change(next, `Moved ${titleOf(slug)} to position ${to + 1} of ${next.length}.`, focus);
  };
  const step = (slug: string, kind: Step) => {
    const at = order.indexOf(slug);
    if (kind === "remove") {
      const next = order.filter((s) => s !== slug);
      const neighbour = next[Math.min(at, next.length - 1)];
      change(next, `Removed ${titleOf(slug)}.`, neighbour ? `remove:${neighbour}` : "search");
      return;
    }
    const to = kind === "up" ? at - 1 : at + 1;
    if (to < 0 || to >= order.length) {
      setAnnouncement(`${titleOf(slug)} is already ${kind === "up" ? "first" : "last"}.`);
      return;
    }
    moveTo(slug, to, `${kind}:${slug}`);
  };
  const add = (slug: string) => {
    setQuery("");
    change([...order, slug], `Added ${titleOf(slug)} at position ${order.length + 1} of ${order.length + 1}.`, "search");
  };

  const onDragOver = (e: DragEvent<HTMLLIElement>, index: number) => {
    if (!dragged) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "move";
    const box = e.currentTarget.getBoundingClientRect();
    setDropAt(e.clientY > box.top + box.height / 2 ? index + 1 : index);
  };
  const onDrop = (e: DragEvent<HTMLLIElement>) => {
    e.preventDefault();
    if (dragged && dropAt !== null) {
      const from = order.indexOf(dragged);
      moveTo(dragged, dropAt > from ? dropAt - 1 : dropAt, null);
    }
    setDragged(null);
    setDropAt(null);
  };

  const candidates = courses.filter((c) => !order.includes(c.slug));
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = candidates.filter((c) => words.every((w) => `${c.title} ${c.audience}`.toLowerCase().includes(w)));
  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== "Enter") return;
    e.preventDefault(); // Enter here picks a course; it never saves the curriculum.
    if (matches.length === 1) add(matches[0]!.slug);
  };
  const ref = (key: string) => (el: HTMLElement | null) => {
    if (el) controls.current.set(key, el);
    else controls.current.delete(key);
  };
  const button = (slug: string, kind: Step, label: string, disabled: boolean) => (
    <button
      ref={ref(`${kind}:${slug}`)}
      // Without JavaScript the step goes to the server; with it, it happens here.
      type={hydrated ? "button" : "submit"}
      name={hydrated ? undefined : "builder"}
      value={hydrated ? undefined : `${kind}:${slug}`}
      aria-disabled={disabled || undefined}
      onClick={() => step(slug, kind)}
      className={rowButton}
    >
      {label}
      <span className="sr-only"> {titleOf(slug)}</span>
    </button>
  );

  return (
    <div className="space-y-4">
      {order.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600">
          No courses yet: add them from the library below.
        </p>
      ) : (
        <ol aria-label="Courses in this curriculum" className="space-y-2">
          {order.map((slug, i) => {
            const c = known.get(slug)!;
            const p = `course.${slug}.`;
            const requiredValue = values[`${p}required`];
            return (
              <li
                key={slug}
                onDragOver={(e) => onDragOver(e, i)}
                onDrop={onDrop}
                data-dragging={dragged === slug || undefined}
                className={`group/row relative rounded-md border border-slate-200 bg-white p-3 data-dragging:opacity-50 ${dropAt === i ? "border-t-4 border-t-brand-600" : ""} ${dropAt === i + 1 && i === order.length - 1 ? "border-b-4 border-b-brand-600" : ""}`}
              >
                <input type="hidden" name="course" value={slug} />
                <div className="flex items-start gap-2">
                  {hydrated ? (
                    <span
                      draggable
                      aria-hidden="true"
                      title="Drag to move"
                      data-drag-handle={slug}
                      onDragStart={(e) => {
                        e.dataTransfer.effectAllowed = "move";
                        e.dataTransfer.setData("text/plain", slug);
                        const row = e.currentTarget.closest("li");
                        if (row) e.dataTransfer.setDragImage(row, 16, 16);
                        setDragged(slug);
                      }}
                      onDragEnd={() => {
                        setDragged(null);
                        setDropAt(null);
                      }}
                      className="cursor-grab select-none rounded px-1 text-lg leading-6 text-slate-400 hover:bg-slate-100 hover:text-slate-700"
                    >
                      ⠿
                    </span>
                  ) : null}
                  <span className="w-6 shrink-0 text-right font-semibold tabular-nums text-slate-700">{i + 1}.</span>
                  <div className="min-w-0 flex-1">
                    <span className="font-medium [overflow-wrap:anywhere]">{c.title}</span>
                    <span className="block text-xs text-slate-500">
                      {c.audience} · {c.minutes} min
                    </span>
                  </div>
                </div>
                <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-2 sm:pl-16">
                  <label className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      name={`${p}required`}
                      data-required
                      aria-label={`${c.title} is required`}
                      defaultChecked={requiredValue === undefined || requiredValue === "on"}
                    />
                    Required
                  </label>
                  <label className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      name={`${p}renew`}
                      aria-label={`${c.title} is taken again on renewal`}
                      defaultChecked={values[`${p}renew`] === "on"}
                    />
                    Renew
                  </label>
                  <div className="group-has-[[data-required]:not(:checked)]/row:hidden">
                    <DueRuleInputs prefix={p} values={values} errorOf={errorOf} label={c.title} inheritLabel="Curriculum’s rule" />
                  </div>
                  <p className="hidden text-sm text-slate-500 group-has-[[data-required]:not(:checked)]/row:block">Optional: no due date.</p>
                </div>
                <div className="mt-2 flex flex-wrap gap-2 sm:pl-16">
                  {button(slug, "up", "Move up", i === 0)}
                  {button(slug, "down", "Move down", i === order.length - 1)}
                  {button(slug, "remove", "Remove", false)}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
      {hydrated ? (
        <AddCourse>
          <label htmlFor="course-search" className="block text-sm font-medium text-slate-800">
            Add course
          </label>
          <input
            id="course-search"
            ref={ref("search")}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onSearchKey}
            placeholder={`Search ${candidates.length} library ${candidates.length === 1 ? "course" : "courses"}`}
            autoComplete="off"
            aria-describedby="course-search-hint"
            className={`${builderInputClass} mt-1 block w-full px-3 py-2`}
          />
          <p id="course-search-hint" className="mt-1 text-xs text-slate-500">
            Courses already in the list are left out. Added courses go to the end.
          </p>
          {matches.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">{candidates.length === 0 ? "Every library course is in the list." : "No course matches."}</p>
          ) : (
            <ul aria-label="Library courses to add" className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200">
              {matches.slice(0, SHOWN_RESULTS).map((c) => (
                <li key={c.slug} className="flex items-center justify-between gap-2 px-3 py-2">
                  <span className="min-w-0 flex-1">
                    <span className="font-medium [overflow-wrap:anywhere]">{c.title}</span>
                    <span className="block text-xs text-slate-500">
                      {c.audience} · {c.minutes} min
                    </span>
                  </span>
                  <button type="button" onClick={() => add(c.slug)} className={rowButton}>
                    Add<span className="sr-only"> {c.title}</span>
                  </button>
                </li>
              ))}
              {matches.length > SHOWN_RESULTS ? (
                <li className="px-3 py-2 text-xs text-slate-500">{matches.length - SHOWN_RESULTS} more: type to narrow the search.</li>
              ) : null}
            </ul>
          )}
        </AddCourse>
      ) : candidates.length > 0 ? (
        <AddCourse>
          <label htmlFor="course-add" className="block text-sm font-medium text-slate-800">
            Add course
          </label>
          <div className="mt-1 flex flex-wrap gap-2">
            <select id="course-add" name="add" className={`${builderInputClass} min-w-0 max-w-full flex-1 px-3 py-2`}>
              {candidates.map((c) => (
                <option key={c.slug} value={c.slug}>
                  {c.title}
                </option>
              ))}
            </select>
            <button type="submit" name="builder" value="add" className={rowButton}>
              Add course
            </button>
          </div>
        </AddCourse>
      ) : null}
    </div>
  );
}

const AddCourse = ({ children }: { children: ReactNode }) => <div className="rounded-md border border-slate-200 bg-slate-50 p-3">{children}</div>;
