/**
 * The API reference page's content, read out of the OpenAPI document (openapi.ts), so the page always says what
 * the API does: each operation with its parameters, the scope it needs, its responses and a curl example.
 */
import { openApiDocument, type Operation } from "./openapi";

type Doc = ReturnType<typeof openApiDocument>;
type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  description?: string;
  oneOf?: Schema[];
};

const refName = (ref: string) => ref.split("/").at(-1)!;

/** A schema in a few words: "string (date) or null", "one of LEARNER, MANAGER, HR", "array of Person". */
function typeOf(schema: Schema): string {
  if (schema.$ref) return refName(schema.$ref);
  if (schema.enum) return `one of ${schema.enum.join(", ")}`;
  if (schema.oneOf) return schema.oneOf.map(typeOf).join(" or ");
  const types = ([] as string[]).concat(schema.type ?? "any");
  return types
    .map((t) => (t === "array" && schema.items ? `array of ${typeOf(schema.items)}` : t === "string" && schema.format ? `string (${schema.format})` : t))
    .join(" or ");
}

function lookup<T>(doc: Doc, value: T | { $ref: string }, section: "parameters" | "responses"): T {
  if (typeof value === "object" && value !== null && "$ref" in value) {
    const found: unknown = doc.components[section][refName(value.$ref)];
    return found as T;
  }
  return value;
}

type Parameter = { name: string; in: string; required: boolean; description: string; schema: Schema; example?: string };

function curlFor(origin: string, method: string, path: string, params: Parameter[], example: unknown): string {
  let url = `${origin}/api/v1${path}`;
  for (const p of params.filter((p) => p.in === "path")) url = url.replace(`{${p.name}}`, p.example ?? `<${p.name}>`);
  const query = params.filter((p) => p.in === "query" && p.example).map((p) => `${p.name}=${encodeURIComponent(p.example!)}`);
  if (query.length) url += `?${query.join("&")}`;
  const lines = [`curl${method === "get" ? "" : ` -X ${method.toUpperCase()}`} "${url}"`, `  -H "Authorization: Bearer $BATON_TOKEN"`];
  if (example !== undefined) lines.push(`  -H "Content-Type: application/json"`, `  -d '${JSON.stringify(example)}'`);
  return lines.join(" \\\n");
}

/** Every operation of the document, ready to render. */
export function apiReference(origin: string) {
  const doc = openApiDocument(origin);
  const schemas: Record<string, Schema> = doc.components.schemas;
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, Operation>).map(([method, op]) => {
      const parameters = op.parameters.map((p) => lookup<Parameter>(doc, p, "parameters"));
      const body = op.requestBody?.content["application/json"];
      return {
        id: op.operationId,
        method: method.toUpperCase(),
        path: `/api/v1${path}`,
        summary: op.summary,
        description: op.description,
        scopes: op["x-baton-scopes"],
        parameters: parameters.map((p) => ({ name: p.name, in: p.in, required: p.required, description: p.description, type: typeOf(p.schema) })),
        body: body ? { type: typeOf(body.schema), example: JSON.stringify(body.example, null, 2) } : null,
        responses: Object.entries(op.responses).map(([status, r]) => {
          const response = lookup<{ description: string; content?: { "application/json": { schema: Schema } } }>(doc, r, "responses");
          const schema = response.content?.["application/json"].schema;
          const name = schema?.$ref ? refName(schema.$ref) : null;
          const fields =
            status.startsWith("2") && name ? Object.entries(schemas[name]?.properties ?? {}).map(([field, s]) => ({ name: field, type: typeOf(s) })) : [];
          return { status, description: response.description, schema: name, fields };
        }),
        curl: curlFor(origin, method, path, parameters, body?.example),
      };
    }),
  );
  return { title: doc.info.title, version: doc.info.version, description: doc.info.description, operations };
}
