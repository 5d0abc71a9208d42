import { readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { readYamlWithLines } from "../content/yaml-lines";
import { z } from "zod";

/** A problem in content/behaviours.yml, in the shape the content check prints. */
export type BehaviourProblem = { file: string; line?: number; message: string };

const oneLine = (max: number, what: string) =>
  z
    .string({ required_error: `give the ${what}` })
    .trim()
    .min(1, `give the ${what}`)
    .max(max, `keep the ${what} to ${max} characters`)
    .refine((s) => !/[\r\n]/.test(s), `the ${what} is one line`);

const BehaviourSchema = z.object({
  id: z.string({ required_error: "give the id" }).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "the id is lower-case words joined by hyphens"),
  name: oneLine(60, "name"),
  description: oneLine(200, "description"),
});

const BehavioursFileSchema = z.object({
  behaviours: z.array(BehaviourSchema).min(1, "list at least one behaviour").max(20, "list at most 20 behaviours"),
});

export type Behaviour = z.infer<typeof BehaviourSchema>;

/** Parse and check the file's text (pure): the behaviours, or every problem with its line. */
export function parseBehaviours(source: string): { behaviours: Behaviour[] | null; problems: { line?: number; message: string }[] } {
  const read = readYamlWithLines(source);
  if (!read.ok) return { behaviours: null, problems: read.problems };
  const { lineOf } = read;
  const parsed = BehavioursFileSchema.safeParse(read.value ?? {});
  if (!parsed.success) {
    return { behaviours: null, problems: parsed.error.issues.map((i) => ({ line: lineOf(i.path), message: `${i.path.join(".") || "file"}: ${i.message}` })) };
  }
  const problems: { line?: number; message: string }[] = [];
  const seen = new Set<string>();
  parsed.data.behaviours.forEach((b, i) => {
    if (seen.has(b.id)) problems.push({ line: lineOf(["behaviours", i, "id"]), message: `the id "${b.id}" is used twice` });
    seen.add(b.id);
  });
  return problems.length > 0 ? { behaviours: null, problems } : { behaviours: parsed.data.behaviours, problems };
}

const FILE = "behaviours.yml";
const contentDir = () => process.env.CONTENT_DIR ?? join(process.cwd(), "content");

/** For the content check: every problem of `<contentDir>/behaviours.yml`, named by file and line. */
export function checkBehaviours(dir: string): BehaviourProblem[] {
  const path = join(dir, FILE);
  const file = relative(process.cwd(), path);
  let source: string;
  try {
    source = readFileSync(path, "utf8");
  } catch {
    return [{ file, message: "missing: it lists the service behaviours a story can show (id, name, description)" }];
  }
  return parseBehaviours(source).problems.map((p) => ({ file, ...p }));
}

let loaded: { path: string; mtimeMs: number; behaviours: Behaviour[] } | undefined;

/** The behaviours, read once and re-read when the file changes. A broken file stops with its file and line. */
export function getBehaviours(): Behaviour[] {
  const path = join(contentDir(), FILE);
  const mtimeMs = statSync(path, { throwIfNoEntry: false })?.mtimeMs;
  if (mtimeMs === undefined) throw new Error(`${relative(process.cwd(), path)} is missing: it lists the service behaviours stories can show`);
  if (loaded?.path === path && loaded.mtimeMs === mtimeMs) return loaded.behaviours;
  const { behaviours, problems } = parseBehaviours(readFileSync(path, "utf8"));
  if (!behaviours) {
    const where = relative(process.cwd(), path);
    throw new Error(`${where} is broken:\n${problems.map((p) => `  ${where}${p.line ? `:${p.line}` : ""}: ${p.message}`).join("\n")}`);
  }
  loaded = { path, mtimeMs, behaviours };
  return behaviours;
}

/** The name a story shows for its behaviour; an id since removed from the file shows as itself. */
export function behaviourName(id: string): string {
  return getBehaviours().find((b) => b.id === id)?.name ?? id;
}
