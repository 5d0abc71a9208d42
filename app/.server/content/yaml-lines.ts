/**
 * Reading a YAML file whose problems are reported by line (quizzes, changes.yml, values.yml, behaviours.yml): the
 * parsed value and where any path of it starts, or the YAML's own errors on their lines.
 */
import { isNode, LineCounter, parseDocument } from "yaml";

export type YamlRead =
  | { ok: true; value: unknown; lineOf: (path: readonly PropertyKey[]) => number }
  | { ok: false; problems: { line: number; message: string }[] };

export function readYamlWithLines(source: string): YamlRead {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return { ok: false, problems: doc.errors.map((e) => ({ line: lineCounter.linePos(e.pos[0]).line, message: `YAML: ${e.message.split("\n")[0]}` })) };
  }
  // The line of the deepest node on the path that exists (a missing key is reported where its parent is).
  const lineOf = (path: readonly PropertyKey[]) => {
    for (let p = path.filter((k): k is string | number => typeof k !== "symbol"); p.length > 0; p = p.slice(0, -1)) {
      const node = doc.getIn(p, true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return 1;
  };
  return { ok: true, value: doc.toJS(), lineOf };
}
