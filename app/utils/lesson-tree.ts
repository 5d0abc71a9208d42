/**
 * A lesson body as plain data: the MDX is run once on the server and its elements are kept as a tree, which the
 * browser turns back into React elements with Baton's own components. No code is evaluated in the browser, so the
 * Content-Security-Policy needs no 'unsafe-eval' (docs/decisions/012).
 */
export type LessonNode = string | number | boolean | null | LessonNode[] | LessonElement;
export type LessonElement = { t: string; p: Record<string, unknown> & { children?: LessonNode } };

/** The tree's name for React.Fragment. */
export const FRAGMENT = "#fragment";
