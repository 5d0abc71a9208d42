import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/.server/auth/require-user";
import { lessonPreview } from "~/.server/content/library";
import { invariantResponse } from "~/.server/http";
import { LessonBody } from "~/components/lesson-body";
import { LessonContext } from "~/components/mdx/lesson-context";
import { QuizPanel } from "~/components/quiz-panel";
import { LessonObjectives, LessonPager } from "~/components/lesson-frame";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Preview: ${data?.lesson.title ?? "Lesson"} · Baton` }];

/** A lesson as a learner sees it, for HR and managers. A loader only: this page has no action and writes nothing. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: ["HR", "MANAGER"] });
  const preview = lessonPreview(params.courseSlug ?? "", params.lessonSlug ?? "");
  invariantResponse(preview, "Lesson not found");
  return preview;
}

const finishedBy = {
  view: "Learners complete this lesson by reading to the end.",
  acknowledge: "Learners complete this lesson by confirming they have read it and will put it into practice.",
  quiz: "Learners complete this lesson by passing its quiz.",
  signoff: "Learners complete this lesson when an observer signs off their practice task.",
} as const;

const NO_INTERACTIONS = { scenarios: {}, checklists: {} };

export default function LessonPreview() {
  const page = useLoaderData<typeof loader>();
  const base = `/hr/courses/${page.course.slug}`;
  return (
    <LessonContext.Provider value={{ reflections: {}, interactions: NO_INTERACTIONS, quiz: page.quiz, practice: page.practice, quizError: null }}>
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/hr/courses" className="text-brand-700 hover:underline">
          Courses
        </Link>
        <span className="mx-2 text-slate-400">/</span>
        <Link to={base} className="text-brand-700 hover:underline">
          {page.course.title}
        </Link>
      </nav>
      <div role="note" aria-label="Preview" className="mt-4 rounded-lg border-2 border-amber-400 bg-amber-50 px-4 py-3 text-amber-950">
        <p className="font-bold">Preview — nothing is recorded</p>
        <p className="text-sm">
          You see this lesson as a learner does. Its buttons and fields are switched off: no progress, answers, notes or feedback are saved.
          {page.quiz ? ` The quiz shows every question of its pool in the file's order; a learner gets ${page.quiz.itemsPerAttempt} per attempt.` : ""}
        </p>
      </div>
      <article className="mx-auto mt-4 max-w-3xl">
        <header className="mb-6">
          <p className="text-sm text-slate-500">
            Lesson {page.position.index} of {page.position.total} · {page.lesson.minutes} min
          </p>
          <h1 className="mt-1 text-3xl font-bold tracking-tight">{page.lesson.title}</h1>
          <LessonObjectives objectives={page.lesson.objectives} />
        </header>
        {/* A disabled fieldset switches off every form the learner's components render (they would post to /learn). */}
        <fieldset disabled aria-label="Lesson content (preview)" className="m-0 min-w-0 border-0 p-0">
          <div className="prose prose-slate max-w-none prose-headings:tracking-tight">
            <LessonBody segments={page.segments} />
          </div>
          {page.quiz && !page.lesson.quizInBody ? <QuizPanel quiz={page.quiz} /> : null}
        </fieldset>
        <div className="mt-10 border-t border-slate-200 pt-6">
          <p className="text-slate-700">{finishedBy[page.lesson.completion]}</p>
          <LessonPager base={`${base}/preview`} courseHref={base} previous={page.previous} next={page.next} label="Lessons in this preview" />
        </div>
      </article>
    </LessonContext.Provider>
  );
}
