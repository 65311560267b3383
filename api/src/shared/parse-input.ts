import type { z } from "zod";
import { ValidationError } from "../errors.ts";

/** Parses input with a zod schema; failures become one ValidationError with a path per field (e.g. lots.0.title). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((issue) => ({ path: issue.path.map((p) => String(p)), message: issue.message })),
  );
}
