import { GraphQLError } from "graphql";
import { builder } from "../builder.ts";

builder.scalarType("DateTime", {
  description: "An instant in UTC, as ISO 8601 text.",
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    const date = typeof value === "string" ? new Date(value) : undefined;
    if (!date || Number.isNaN(date.getTime()))
      throw new GraphQLError("DateTime must be ISO 8601 text, e.g. 2026-12-01T12:00:00Z");
    return date;
  },
});

builder.scalarType("Pence", {
  description: "An amount of money in whole pence (GBP), as a JSON integer up to 2^53.",
  serialize: (value) => {
    const n = Number(value);
    if (!Number.isSafeInteger(n)) throw new GraphQLError("amount is too large to serialise");
    return n;
  },
  parseValue: (value) => {
    if (typeof value !== "number" || !Number.isSafeInteger(value))
      throw new GraphQLError("Pence must be a whole number of pence");
    return BigInt(value);
  },
});
