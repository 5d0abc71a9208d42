import { LineCounter, isNode, parseDocument } from "yaml";
import type { z } from "zod";
import type { Problem } from "./mdx-rules";

/** Split `---` frontmatter from the body and validate it, reporting file lines. */
export function readFrontmatter<S extends z.ZodTypeAny>(
  source: string,
  schema: S,
): { data: z.output<S> | null; body: string; bodyLine: number; problems: Problem[] } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
  if (!match) return { data: null, body: source, bodyLine: 1, problems: [{ line: 1, message: "missing frontmatter (a block between --- lines)" }] };
  const yamlText = match[1] ?? "";
  const bodyLine = match[0].split("\n").length;
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  // +1: the YAML starts on the line after the opening ---
  const fileLine = (offset: number) => lineCounter.linePos(offset).line + 1;
  if (doc.errors.length > 0) {
    return { data: null, body: source.slice(match[0].length), bodyLine, problems: doc.errors.map((e) => ({ line: fileLine(e.pos[0]), message: `frontmatter YAML: ${e.message.split("\n")[0]}` })) };
  }
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = issue.path[0];
      const node = key === undefined ? null : doc.getIn([key], true);
      const pair = isNode(node) && node.range ? fileLine(node.range[0]) : 2;
      return { line: pair, message: `frontmatter ${issue.path.join(".") || ""}: ${issue.message}`.replace(" :", ":") };
    });
    return { data: null, body: source.slice(match[0].length), bodyLine, problems };
  }
  return { data: parsed.data, body: source.slice(match[0].length), bodyLine, problems: [] };
}
