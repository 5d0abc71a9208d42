/**
 * The SCIM schemas Baton speaks (RFC 7643): core User, the enterprise extension, and Baton's own extension, declared
 * once on scimmy's User schema so its coercion and PATCH engine know every attribute. Also the discovery documents
 * (ServiceProviderConfig, Schemas, ResourceTypes), built per request because their locations carry the origin.
 */
import SCIMMY from "scimmy";

export const USER_SCHEMA = SCIMMY.Schemas.User.id;
export const ENTERPRISE_SCHEMA = SCIMMY.Schemas.EnterpriseUser.id;
export const BATON_SCHEMA = "urn:baton:params:scim:schemas:extension:baton:2.0:User";

// scimmy only accepts ids under urn:ietf:params:scim:schemas:, so the definition is built under one and renamed.
const batonDefinition = new SCIMMY.Types.SchemaDefinition(
  "BatonUser",
  "urn:ietf:params:scim:schemas:extension:baton:2.0:User",
  "Baton's own attributes of a person",
  [
    new SCIMMY.Types.Attribute("string", "startDate", {
      description: "The person's first day (YYYY-MM-DD); start-date assignment rules and due dates use it.",
    }),
    new SCIMMY.Types.Attribute("string", "role", {
      mutable: false,
      canonicalValues: ["LEARNER", "MANAGER", "HR"],
      description: "What the person may do in Baton. Read-only: HR sets it in Baton.",
    }),
  ],
);
batonDefinition.id = BATON_SCHEMA;

// Module state in scimmy is global: extend once per process even if this module is evaluated again (dev reloads).
const extended = globalThis as { __batonScimExtended?: boolean };
if (!extended.__batonScimExtended) {
  SCIMMY.Schemas.User.definition.extend(SCIMMY.Schemas.EnterpriseUser.definition, false);
  SCIMMY.Schemas.User.definition.extend(batonDefinition, false);
  extended.__batonScimExtended = true;
}

/** Coerces data through the full User schema ("in": a client's request, "out": what Baton returns). Throws on bad data. */
export function userSchemaInstance(data: unknown, direction: "in" | "out") {
  return new SCIMMY.Schemas.User(data, direction);
}

const MAX_RESULTS = 200;

export const scimLimits = { maxResults: MAX_RESULTS, maxPayloadBytes: 64 * 1024 } as const;

export function serviceProviderConfig(base: string) {
  return new SCIMMY.Schemas.ServiceProviderConfig(
    {
      patch: { supported: true },
      bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
      filter: { supported: true, maxResults: MAX_RESULTS },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: false },
      authenticationSchemes: [
        {
          type: "oauthbearertoken",
          name: "Bearer token",
          description: "An API token with the SCIM scope, created by HR in Baton under Integrations, sent as Authorization: Bearer <token>.",
          specUri: "https://www.rfc-editor.org/rfc/rfc6750",
        },
      ],
    },
    `${base}/ServiceProviderConfig`,
  );
}

const schemaDefinitions = () => [SCIMMY.Schemas.User.definition, SCIMMY.Schemas.EnterpriseUser.definition, batonDefinition];

/** The User schema's own attributes, without the extensions mixed into it (those are schemas of their own). */
function describeSchema(definition: SCIMMY.Types.SchemaDefinition, base: string) {
  const described = definition.describe(`${base}/Schemas`);
  return { ...described, attributes: described.attributes.filter((a) => !a.name.startsWith("urn:")) };
}

export function schemaDocuments(base: string) {
  return schemaDefinitions().map((d) => describeSchema(d, base));
}

/** One schema by its URN (case-insensitive, as URNs compare), or null. */
export function schemaDocument(base: string, id: string) {
  const definition = schemaDefinitions().find((d) => d.id.toLowerCase() === id.toLowerCase());
  return definition ? describeSchema(definition, base) : null;
}

export function resourceTypeDocuments(base: string) {
  return [
    new SCIMMY.Schemas.ResourceType(
      {
        id: "User",
        name: "User",
        endpoint: "/Users",
        description: "A person in Baton",
        schema: USER_SCHEMA,
        schemaExtensions: [
          { schema: ENTERPRISE_SCHEMA, required: false },
          { schema: BATON_SCHEMA, required: false },
        ],
      },
      `${base}/ResourceTypes`,
    ),
  ];
}

export function resourceTypeDocument(base: string, id: string) {
  return resourceTypeDocuments(base).find((r) => r.id.toLowerCase() === id.toLowerCase()) ?? null;
}
