import { getDatamodel } from "@ccm/prisma/pothos-types";

// Rows read with raw SQL as to_jsonb(table) carry snake_case column names and JSON types. This turns one
// into what Prisma would have returned for the model (camelCase fields, Dates, BigInts), reading the
// field types from the generated datamodel, so columns added to the model later come through too.

type FieldTypes = Map<string, string>;
const cache = new Map<string, { bySnake: Map<string, string>; types: FieldTypes }>();

function fieldsOf(model: string) {
  let entry = cache.get(model);
  if (!entry) {
    const fields = getDatamodel().datamodel.models[model]?.fields ?? [];
    const scalars = fields.filter((f) => f.kind === "scalar" || f.kind === "enum");
    entry = {
      bySnake: new Map(scalars.map((f) => [f.name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), f.name])),
      types: new Map(scalars.map((f) => [f.name, f.type])),
    };
    cache.set(model, entry);
  }
  return entry;
}

/** A model record from `to_jsonb(row)` (columns named by the snake_case convention of schema.prisma's @map). */
export function modelFromJson(model: string, json: Record<string, unknown>): Record<string, unknown> {
  const { bySnake, types } = fieldsOf(model);
  const record: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(json)) {
    const field = bySnake.get(column);
    if (!field) continue;
    const type = types.get(field);
    record[field] =
      value === null || value === undefined
        ? null
        : type === "DateTime"
          ? new Date(value as string)
          : type === "BigInt"
            ? BigInt(value as string | number)
            : value;
  }
  return record;
}
