import { getDatamodel } from "@ccm/prisma/pothos-types";

// Rows read with raw SQL as to_jsonb(table) carry snake_case column names and JSON types. This turns one
// into what Prisma would have returned for the model (camelCase fields, Dates, BigInts), reading the
// field types from the generated datamodel, so columns added to the model later come through too.

/** How one column of `to_jsonb(row)` becomes a model field. */
interface FieldMapping {
  column: string;
  field: string;
  convert: "date" | "bigint" | null;
}
const cache = new Map<string, FieldMapping[]>();

function fieldsOf(model: string): FieldMapping[] {
  let fields = cache.get(model);
  if (!fields) {
    fields = (getDatamodel().datamodel.models[model]?.fields ?? [])
      .filter((f) => f.kind === "scalar" || f.kind === "enum")
      .map((f) => ({
        column: f.name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
        field: f.name,
        convert: f.type === "DateTime" ? "date" : f.type === "BigInt" ? "bigint" : null,
      }));
    cache.set(model, fields);
  }
  return fields;
}

/**
 * A model record from `to_jsonb(row)` (columns named by the snake_case convention of schema.prisma's @map).
 * Columns left out of the JSON are left out of the record; columns that are no field of the model are ignored.
 */
export function modelFromJson(model: string, json: Record<string, unknown>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  // Walks the model's fields rather than the JSON's entries: no array of pairs per row (search pages map
  // twenty suppliers a request).
  for (const { column, field, convert } of fieldsOf(model)) {
    const value = json[column];
    if (value === undefined) {
      if (column in json) record[field] = null;
      continue;
    }
    record[field] =
      value === null
        ? null
        : convert === "date"
          ? new Date(value as string)
          : convert === "bigint"
            ? BigInt(value as string | number)
            : value;
  }
  return record;
}
