/**
 * The course library as HR and managers see it: every course with its facts from content/, how many curricula use
 * it, how many people hold it and how many completed it; one course in detail; and a lesson previewed as a learner
 * sees it. Reads only: a preview never writes a row (no progress, attempts, interactions or feedback).
 */
import { prisma } from "../db";
import { lessonHeading, lessonPosition } from "../progress/lesson-view";
import { optionsOf } from "../quiz/draw";
import { itemsPerAttempt } from "../quiz/pass-mark";
import type { LessonQuiz } from "../quiz/standing";
import { publicItems } from "../quiz/view";
import { findLesson, getCatalog, getCourse, getLessonSegments } from "./catalog";
import type { CatalogCourse, CatalogLesson } from "./schema";

export type LessonKind = "reading" | "quiz" | "practice" | "scenario";

/** What a lesson asks of a learner: a quiz, a practice task signed off at work, a scenario to choose in, or reading. */
export function lessonKind(lesson: Pick<CatalogLesson, "completion" | "quiz" | "practice" | "scenarios">): LessonKind {
  if (lesson.completion === "quiz" || lesson.quiz) return "quiz";
  if (lesson.completion === "signoff" || lesson.practice) return "practice";
  if ((lesson.scenarios?.length ?? 0) > 0) return "scenario";
  return "reading";
}

/** A case-insensitive match on the title; an empty search matches every course. */
export function matchesSearch(title: string, search: string): boolean {
  const words = search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const haystack = title.toLowerCase();
  return words.every((w) => haystack.includes(w));
}

/** Distinct people per course: a person holding two curricula with the same course counts once. */
export function holdersByCourse(links: { curriculumId: string; courseSlug: string }[], assignments: { curriculumId: string; personId: string }[]) {
  const peopleByCurriculum = new Map<string, Set<string>>();
  for (const a of assignments) {
    const set = peopleByCurriculum.get(a.curriculumId) ?? new Set<string>();
    set.add(a.personId);
    peopleByCurriculum.set(a.curriculumId, set);
  }
  const holders = new Map<string, Set<string>>();
  for (const link of links) {
    const set = holders.get(link.courseSlug) ?? new Set<string>();
    for (const person of peopleByCurriculum.get(link.curriculumId) ?? []) set.add(person);
    holders.set(link.courseSlug, set);
  }
  return new Map([...holders].map(([slug, set]) => [slug, set.size]));
}

/**
 * People who completed each course: every lesson the course has now is complete (the rule of courseProgress).
 * `rows` count one person's completed current lessons of one course.
 */
export function completersByCourse(rows: { courseSlug: string; personId: string; completed: number }[], courses: { slug: string; lessons: readonly unknown[] }[]) {
  const total = new Map(courses.map((c) => [c.slug, c.lessons.length]));
  const out = new Map<string, number>();
  for (const row of rows) {
    const lessons = total.get(row.courseSlug);
    if (lessons === undefined || lessons === 0 || row.completed < lessons) continue;
    out.set(row.courseSlug, (out.get(row.courseSlug) ?? 0) + 1);
  }
  return out;
}

/**
 * The versions learners completed lessons under, newest-used first: how many people completed at least one lesson
 * of that version, and how many lesson completions it has. The current version is listed even with none.
 */
export function versionCounts(rows: { courseVersion: string; personId: string; lessons: number }[], current: string) {
  const byVersion = new Map<string, { people: Set<string>; lessonCompletions: number }>([[current, { people: new Set(), lessonCompletions: 0 }]]);
  for (const row of rows) {
    const entry = byVersion.get(row.courseVersion) ?? { people: new Set<string>(), lessonCompletions: 0 };
    entry.people.add(row.personId);
    entry.lessonCompletions += row.lessons;
    byVersion.set(row.courseVersion, entry);
  }
  return [...byVersion]
    .map(([version, e]) => ({ version, current: version === current, people: e.people.size, lessonCompletions: e.lessonCompletions }))
    .sort((a, b) => Number(b.current) - Number(a.current) || b.people - a.people || a.version.localeCompare(b.version));
}

/** Who counts: people not deactivated. Curricula: not archived. Assignments: not ended. */
const activePerson = { deactivatedAt: null } as const;

async function usage(courses: CatalogCourse[]) {
  const slugs = courses.map((c) => c.slug);
  const [links, assignments, completedRows] = await Promise.all([
    prisma.curriculumCourse.findMany({
      where: { courseSlug: { in: slugs }, curriculum: { archivedAt: null } },
      select: { courseSlug: true, required: true, position: true, curriculum: { select: { id: true, name: true } } },
      orderBy: [{ curriculum: { name: "asc" } }],
    }),
    prisma.assignment.findMany({
      where: { unassignedAt: null, person: activePerson, curriculum: { archivedAt: null, courses: { some: { courseSlug: { in: slugs } } } } },
      select: { curriculumId: true, personId: true },
      distinct: ["curriculumId", "personId"],
    }),
    courses.length === 0
      ? []
      : prisma.lessonProgress.groupBy({
          by: ["courseSlug", "personId"],
          where: {
            status: "COMPLETED",
            person: activePerson,
            OR: courses.map((c) => ({ courseSlug: c.slug, lessonSlug: { in: c.lessons.map((l) => l.slug) } })),
          },
          _count: { _all: true },
        }),
  ]);
  const holders = holdersByCourse(
    links.map((l) => ({ curriculumId: l.curriculum.id, courseSlug: l.courseSlug })),
    assignments,
  );
  const completers = completersByCourse(
    completedRows.map((r) => ({ courseSlug: r.courseSlug, personId: r.personId, completed: r._count._all })),
    courses,
  );
  return { links, holders, completers };
}

/** Every course (or those whose title matches `search`), in catalog order, with its facts and use. */
export async function courseLibrary(search = "") {
  const courses = getCatalog().courses.filter((c) => matchesSearch(c.title, search));
  const { links, holders, completers } = await usage(courses);
  return courses.map((c) => ({
    slug: c.slug,
    title: c.title,
    audience: c.audience,
    owner: c.owner,
    lessons: c.lessons.length,
    minutes: c.minutes,
    version: c.version,
    quizzes: c.lessons.filter((l) => l.quiz).length,
    curricula: links.filter((l) => l.courseSlug === c.slug).length,
    holders: holders.get(c.slug) ?? 0,
    completed: completers.get(c.slug) ?? 0,
  }));
}

export type LibraryCourse = NonNullable<Awaited<ReturnType<typeof libraryCourse>>>;

/** One course in detail: its lessons in order, the curricula that use it, its use and the versions completed. Null: unknown. */
export async function libraryCourse(slug: string) {
  const course = getCourse(slug);
  if (!course) return null;
  const [{ links, holders, completers }, versionRows] = await Promise.all([
    usage([course]),
    prisma.lessonProgress.groupBy({
      by: ["courseVersion", "personId"],
      where: { courseSlug: slug, status: "COMPLETED", person: activePerson },
      _count: { _all: true },
    }),
  ]);
  return {
    course: {
      slug: course.slug,
      title: course.title,
      summary: course.summary,
      audience: course.audience,
      owner: course.owner,
      minutes: course.minutes,
      passMark: course.passMark,
      version: course.version,
    },
    lessons: course.lessons.map((l) => ({
      slug: l.slug,
      number: l.number,
      title: l.title,
      minutes: l.minutes,
      kind: lessonKind(l),
      objectives: l.objectives,
    })),
    curricula: links.map((l) => ({ id: l.curriculum.id, name: l.curriculum.name, required: l.required })),
    holders: holders.get(slug) ?? 0,
    completed: completers.get(slug) ?? 0,
    versions: versionCounts(
      versionRows.map((r) => ({ courseVersion: r.courseVersion, personId: r.personId, lessons: r._count._all })),
      course.version,
    ),
  };
}

/**
 * A quiz as a learner sees an attempt in progress, with every question of the pool in the file's order: prompts
 * and options only, never a key, feedback or explanation (publicItems strips them). No attempt exists.
 */
function previewQuiz(course: CatalogCourse, quiz: NonNullable<CatalogLesson["quiz"]>): LessonQuiz {
  const items = publicItems({
    passMark: quiz.passMark,
    scoring: quiz.scoring ?? "all-or-nothing",
    items: quiz.questions.map((q) => ({
      id: q.id,
      type: q.type,
      prompt: q.prompt,
      ...(q.type === "scenario" ? { situation: q.situation } : {}),
      explanation: "",
      options: optionsOf(q),
    })),
  });
  return {
    passMark: quiz.passMark,
    attemptLimit: course.attemptLimit,
    attemptsLeft: course.attemptLimit,
    itemsPerAttempt: itemsPerAttempt(quiz),
    passed: false,
    bestScore: null,
    attempts: [],
    open: { attemptNumber: 1, items },
    nextAttemptNumber: 1,
    canStart: false,
    outOfAttempts: false,
    granted: null,
    lastResult: null,
  };
}

/** A lesson exactly as a new learner would first see it, for a preview. Reads the catalog only. Null: unknown. */
export function lessonPreview(courseSlug: string, lessonSlug: string) {
  const found = findLesson(courseSlug, lessonSlug);
  if (!found) return null;
  const { course, lesson, previous, next } = found;
  return {
    course: { slug: course.slug, title: course.title },
    lesson: { ...lessonHeading(lesson), kind: lessonKind(lesson) },
    position: lessonPosition(course, lesson),
    previous: previous ? { slug: previous.slug, title: previous.title } : null,
    next: next ? { slug: next.slug, title: next.title } : null,
    segments: getLessonSegments(course.slug, lesson.slug),
    quiz: lesson.quiz ? previewQuiz(course, lesson.quiz) : null,
    practice: lesson.practice ? { task: lesson.practice, submissions: [], canSubmit: true } : null,
  };
}
