/**
 * SCIM PATCH (RFC 7644 §3.5.2) through scimmy's PatchOp engine, after smoothing over what real clients send:
 * "Replace"/"Add" in any case, Entra's "True"/"False" strings for booleans, Okta's path-less
 * `{ op: "replace", value: { active: false } }` (standard), and Entra's manager given as a bare id.
 */
import SCIMMY from "scimmy";
import { booleanFromText, withActiveAsBoolean } from "./mapping";
import { ENTERPRISE_SCHEMA, userSchemaInstance } from "./schemas";

export type PatchOutcome = { kind: "ok"; before: unknown; after: unknown } | { kind: "invalid"; scimType: string; detail: string };

const MANAGER_PATH = `${ENTERPRISE_SCHEMA}:manager`.toLowerCase();

function normalizeOperation(operation: unknown): unknown {
  if (typeof operation !== "object" || operation === null || Array.isArray(operation)) return operation;
  const { op, path, value, ...rest } = operation as { op?: unknown; path?: unknown; value?: unknown };
  const lowerPath = typeof path === "string" ? path.trim().toLowerCase() : undefined;
  let normalized = value;
  if (lowerPath === "active") normalized = booleanFromText(value);
  else if (lowerPath === undefined) normalized = withActiveAsBoolean(value);
  else if (lowerPath === MANAGER_PATH && typeof value === "string") normalized = { value };
  return {
    ...rest,
    op: typeof op === "string" ? op.toLowerCase() : op,
    ...(path === undefined ? {} : { path }),
    ...(value === undefined ? {} : { value: normalized }),
  };
}

const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** Applies a PatchOp message to the current resource; returns the resource before and after, as plain data. */
export async function applyPatch(current: unknown, message: unknown): Promise<PatchOutcome> {
  try {
    const body = typeof message === "object" && message !== null ? (message as { schemas?: unknown; Operations?: unknown }) : {};
    const operations = Array.isArray(body.Operations) ? body.Operations.map(normalizeOperation) : body.Operations;
    const patch = new SCIMMY.Messages.PatchOp({ schemas: body.schemas, Operations: operations } as ConstructorParameters<typeof SCIMMY.Messages.PatchOp>[0]);
    const before = userSchemaInstance(current, "out");
    let after: unknown = before;
    await patch.apply(before, async (patched) => {
      after = patched;
      return patched;
    });
    return { kind: "ok", before: plain(before), after: plain(after) };
  } catch (error) {
    if (error instanceof SCIMMY.Types.Error) return { kind: "invalid", scimType: error.scimType ?? "invalidValue", detail: error.message };
    return { kind: "invalid", scimType: "invalidValue", detail: error instanceof Error ? error.message : "The PATCH request could not be applied." };
  }
}
