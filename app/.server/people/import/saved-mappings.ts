/**
 * Named column mappings, one per source HR imports from ("HR system weekly export"): saved from the preview,
 * applied again by the page or the CLI (`--mapping <name>`). Saving under an existing name replaces it.
 */
import { z } from "zod";
import { recordAudit } from "../../audit/audit";
import { prisma } from "../../db";
import type { DateOrderOption } from "./mapped-rows";
import { parseMapping, type Mapping } from "./mapping/propose";

export type SavedMapping = { name: string; mapping: Mapping; dateOrder: DateOrderOption | null; updatedAt: Date };

const NameSchema = z.string().trim().min(1, "Give the mapping a name.").max(100, "Keep the name under 100 characters.");
const DateOrderSchema = z.enum(["dmy", "mdy"]).nullable();

type Actor = { id: string; email: string };

function fromRow(row: { name: string; mapping: string; dateOrder: string | null; updatedAt: Date }): SavedMapping | null {
  let json: unknown;
  try {
    json = JSON.parse(row.mapping);
  } catch {
    return null;
  }
  const mapping = parseMapping(json);
  const dateOrder = DateOrderSchema.safeParse(row.dateOrder);
  return mapping.ok && dateOrder.success ? { name: row.name, mapping: mapping.mapping, dateOrder: dateOrder.data, updatedAt: row.updatedAt } : null;
}

/** Save (or replace) the mapping called `name`, audited in the same transaction. */
export async function saveMapping(
  name: string,
  mapping: unknown,
  dateOrder: string | null,
  actor: Actor,
  ctx: { ip?: string | null } = {},
): Promise<{ ok: true; mapping: SavedMapping } | { ok: false; message: string }> {
  const parsedName = NameSchema.safeParse(name);
  if (!parsedName.success) return { ok: false, message: parsedName.error.issues[0]?.message ?? "Give the mapping a name." };
  const parsed = parseMapping(mapping);
  if (!parsed.ok) return parsed;
  if (Object.keys(parsed.mapping).length === 0) return { ok: false, message: "Choose at least one column before saving the mapping." };
  const order = DateOrderSchema.safeParse(dateOrder || null);
  if (!order.success) return { ok: false, message: "The date order is day/month (dmy) or month/day (mdy)." };
  const json = JSON.stringify(parsed.mapping);
  const row = await prisma.$transaction(async (tx) => {
    const before = await tx.importMapping.findUnique({ where: { name: parsedName.data }, select: { id: true } });
    const saved = await tx.importMapping.upsert({
      where: { name: parsedName.data },
      create: { name: parsedName.data, mapping: json, dateOrder: order.data, createdById: actor.id, updatedById: actor.id },
      update: { mapping: json, dateOrder: order.data, updatedById: actor.id },
    });
    await recordAudit(
      {
        action: "import_mapping.saved",
        actor,
        target: parsedName.data,
        subjectId: null,
        ip: ctx.ip ?? null,
        details: { replaced: Boolean(before), mapping: parsed.mapping, dateOrder: order.data },
      },
      tx,
    );
    return saved;
  });
  return { ok: true, mapping: { name: row.name, mapping: parsed.mapping, dateOrder: order.data, updatedAt: row.updatedAt } };
}

/** Every saved mapping, by name. */
export async function listMappings(): Promise<SavedMapping[]> {
  const rows = await prisma.importMapping.findMany({ orderBy: { name: "asc" }, select: { name: true, mapping: true, dateOrder: true, updatedAt: true } });
  return rows.flatMap((r) => fromRow(r) ?? []);
}

/** The mapping saved as `name` (spacing around it aside), or null. */
export async function mappingByName(name: string): Promise<SavedMapping | null> {
  const row = await prisma.importMapping.findUnique({ where: { name: name.trim() }, select: { name: true, mapping: true, dateOrder: true, updatedAt: true } });
  return row ? fromRow(row) : null;
}
