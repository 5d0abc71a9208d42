import type { CatalogCourse } from "../content/schema";
import { prisma } from "../db";
import { confidenceGain, ratingTrend } from "./summary";

/**
 * A course's feedback page: each lesson's rating with its trend, confidence before and after, and every
 * comment, newest first. Named comments carry their author's name: only the owner and HR read this.
 */
export async function courseFeedbackReport(course: CatalogCourse, now: Date) {
  const [rows, confidence] = await Promise.all([
    prisma.lessonFeedback.findMany({
      where: { courseSlug: course.slug },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: {
        id: true,
        lessonSlug: true,
        rating: true,
        comment: true,
        anonymous: true,
        status: true,
        reply: true,
        repliedAt: true,
        repliedByName: true,
        createdAt: true,
        person: { select: { name: true } },
      },
    }),
    prisma.courseConfidence.findMany({ where: { courseSlug: course.slug }, select: { personId: true, moment: true, value: true } }),
  ]);
  const titles = new Map(course.lessons.map((l) => [l.slug, l.title]));
  const lessons = course.lessons.map((l) => ({
    slug: l.slug,
    number: l.number,
    title: l.title,
    ...ratingTrend(
      rows.flatMap((r) => (r.lessonSlug === l.slug && r.rating !== null ? [{ rating: r.rating, at: r.createdAt }] : [])),
      now,
    ),
  }));
  const comments = rows.flatMap((r) =>
    r.comment === null
      ? []
      : [
          {
            id: r.id,
            lessonTitle: titles.get(r.lessonSlug) ?? r.lessonSlug,
            comment: r.comment,
            rating: r.rating,
            // A named author whose record was deleted since is neither anonymous nor nameable.
            author: r.anonymous ? null : (r.person?.name ?? "A former colleague"),
            status: r.status,
            reply: r.reply,
            repliedAt: r.repliedAt,
            repliedByName: r.repliedByName,
            createdAt: r.createdAt,
          },
        ],
  );
  return { course: { slug: course.slug, title: course.title, question: course.confidence }, lessons, confidence: confidenceGain(confidence), comments };
}

export type CourseFeedbackReport = Awaited<ReturnType<typeof courseFeedbackReport>>;
export type FeedbackComment = CourseFeedbackReport["comments"][number];

/** The courses a reader may open on the Feedback page, each with its overall rating and comments still new. */
export async function feedbackIndex(courses: CatalogCourse[]) {
  const slugs = courses.map((c) => c.slug);
  const [ratings, fresh] = await Promise.all([
    prisma.lessonFeedback.groupBy({
      by: ["courseSlug"],
      where: { courseSlug: { in: slugs }, rating: { not: null } },
      _avg: { rating: true },
      _count: { rating: true },
    }),
    prisma.lessonFeedback.groupBy({ by: ["courseSlug"], where: { courseSlug: { in: slugs }, status: "NEW", comment: { not: null } }, _count: { _all: true } }),
  ]);
  const rating = new Map(ratings.map((r) => [r.courseSlug, { average: r._avg.rating, count: r._count.rating }]));
  const newCount = new Map(fresh.map((f) => [f.courseSlug, f._count._all]));
  return courses.map((c) => ({
    slug: c.slug,
    title: c.title,
    rating: rating.get(c.slug) ?? { average: null, count: 0 },
    newComments: newCount.get(c.slug) ?? 0,
  }));
}
