import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { LessonSegment } from "~/utils/lesson-segments";
import { CatalogSchema, LessonSegmentsSchema, segmentsFileOf, type Catalog, type CatalogCourse, type CatalogLesson } from "./schema";

const outDir = () => process.env.CONTENT_OUT_DIR ?? join(process.cwd(), ".cache", "content");

let loaded: { mtimeMs: number; checkedAt: number; catalog: Catalog } | undefined;
const codeCache = new Map<string, string>();
const segmentsCache = new Map<string, LessonSegment[]>();

/**
 * The compiled course library. Read once and kept; re-read when the file changes, so the dev watcher's
 * rebuilds show up without a restart. Never compiles anything.
 */
/** In production the library changes only with a content build: look at the file at most once a second, not on every call. */
const RECHECK_MS = process.env.NODE_ENV === "production" ? 1000 : 0;

export function getCatalog(): Catalog {
  if (loaded && RECHECK_MS > 0 && performance.now() - loaded.checkedAt < RECHECK_MS) return loaded.catalog;
  const file = join(outDir(), "catalog.json");
  let mtimeMs: number;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    throw new Error(`The course library is not built (${file} is missing): run npm run content:build`);
  }
  if (!loaded || loaded.mtimeMs !== mtimeMs) {
    loaded = { mtimeMs, checkedAt: 0, catalog: CatalogSchema.parse(JSON.parse(readFileSync(file, "utf8"))) };
    codeCache.clear();
    segmentsCache.clear();
  }
  loaded.checkedAt = performance.now();
  return loaded.catalog;
}

export function getCourse(slug: string): CatalogCourse | undefined {
  return getCatalog().courses.find((c) => c.slug === slug);
}

export function findLesson(courseSlug: string, lessonSlug: string) {
  const course = getCourse(courseSlug);
  const index = course?.lessons.findIndex((l) => l.slug === lessonSlug) ?? -1;
  if (!course || index < 0) return null;
  const lesson = course.lessons[index];
  if (!lesson) return null;
  return { course, lesson, previous: course.lessons[index - 1] ?? null, next: course.lessons[index + 1] ?? null };
}

/** The compiled code of one lesson (server memory after the first read). */
export function getLessonCode(lesson: CatalogLesson): string {
  let code = codeCache.get(lesson.codeFile);
  if (code === undefined) {
    code = readFileSync(join(outDir(), "code", lesson.codeFile), "utf8");
    codeCache.set(lesson.codeFile, code);
  }
  return code;
}

/**
 * A lesson's body as content:build rendered it: static HTML and islands (docs/decisions/015). Read, checked and
 * kept in server memory on first use; nothing is compiled or evaluated here.
 */
export function getLessonSegments(courseSlug: string, lessonSlug: string): LessonSegment[] {
  const found = findLesson(courseSlug, lessonSlug);
  if (!found) throw new Error(`No lesson ${courseSlug}/${lessonSlug} in the course library`);
  const file = segmentsFileOf(found.lesson.codeFile);
  let segments = segmentsCache.get(file);
  if (segments === undefined) {
    segments = LessonSegmentsSchema.parse(JSON.parse(readFileSync(join(outDir(), "code", file), "utf8")));
    segmentsCache.set(file, segments);
  }
  return segments;
}
