/**
 * What content:build records per lesson so a later build can tell what changed: a hash of its files, a hash of
 * what decides a pass, and the changes its author declared (front matter, or the course's changes.yml).
 */
import { createHash } from "node:crypto";
import { readYamlWithLines } from "../yaml-lines";
import { z } from "zod";
import type { Problem } from "../mdx-rules";
import { DeclaredChangeSchema, type DeclaredChange, type Quiz } from "../schema";

/** The course's changelog, next to its index.mdx. */
export const CHANGELOG_FILE = "changes.yml";

const hash16 = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 16);

/** Any edit to the lesson's .mdx or its quiz file changes this. */
export function lessonHash(source: string, quizText: string | null): string {
  return hash16(`${source}\0${quizText ?? ""}`);
}

/**
 * What decides a pass: each quiz item's id and right answer (the correct options' text, so shuffling or rewording a
 * wrong option does not count), the pass mark, and the practice criteria an observer checks. Null: neither exists.
 */
export function keyHash(quiz: (Quiz & { passMark: number }) | null, practice: { criteria: string[] } | null): string | null {
  if (!quiz && !practice) return null;
  const items = quiz
    ? [...quiz.questions]
        .sort((a, b) => a.id.localeCompare(b.id))
        .map((q) => ({
          id: q.id,
          answer:
            q.type === "truefalse"
              ? q.answer
              : q.choices
                  .filter((c) => c.correct)
                  .map((c) => c.text.trim())
                  .sort(),
        }))
    : null;
  return hash16(JSON.stringify({ items, passMark: quiz?.passMark ?? null, criteria: practice?.criteria.map((c) => c.trim()) ?? null }));
}

const ChangelogSchema = z.array(DeclaredChangeSchema.extend({ lesson: z.string().min(1, "name the lesson by its slug") }).strict()).nullable();

/**
 * Read a course's changes.yml: a list of `{ lesson, on, material, note }`. A lesson slug the course does not have,
 * or a date that is not a real YYYY-MM-DD day, is a problem on its line.
 */
export function readChangelog(text: string, lessonSlugs: string[]): { byLesson: Map<string, DeclaredChange[]>; problems: Problem[] } {
  const byLesson = new Map<string, DeclaredChange[]>();
  const read = readYamlWithLines(text);
  if (!read.ok) return { byLesson, problems: read.problems };
  const { lineOf } = read;
  const parsed = ChangelogSchema.safeParse(read.value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({
      line: lineOf(i.path),
      message: i.path.length === 0 ? "changes.yml is a list of changes: - lesson: <slug>, on, material, note" : `${i.path.slice(1).join(".") || "change"}: ${i.message}`,
    }));
    return { byLesson, problems };
  }
  const problems: Problem[] = [];
  const known = new Set(lessonSlugs);
  (parsed.data ?? []).forEach(({ lesson, ...change }, i) => {
    if (!known.has(lesson)) {
      problems.push({ line: lineOf([i, "lesson"]), message: `the course has no lesson "${lesson}" (use the file name without its number and .mdx)` });
      return;
    }
    byLesson.set(lesson, [...(byLesson.get(lesson) ?? []), change]);
  });
  return { byLesson, problems };
}

/** Every change declared for a lesson, oldest first. */
export const declaredChanges = (fromFrontmatter: DeclaredChange | undefined, fromChangelog: DeclaredChange[] = []) =>
  [...(fromFrontmatter ? [fromFrontmatter] : []), ...fromChangelog].sort((a, b) => a.on.localeCompare(b.on));
