/**
 * JSON with object keys sorted at every level, so the same value always gives the same text
 * (PostgreSQL's jsonb does not keep key order). BigInts become decimal strings.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** The value as plain JSON (BigInts as strings, Dates as ISO text), ready for a Json column. */
export function toJsonValue<T>(value: T): unknown {
  return JSON.parse(canonicalJson(value));
}
