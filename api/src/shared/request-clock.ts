import type { Context } from "../context.ts";
import { databaseNow } from "./transaction.ts";

const clocks = new WeakMap<Context, Promise<Date>>();

/** The database clock, read once per request, for derived statuses shown in a response (one instant for all). */
export function requestNow(ctx: Context): Promise<Date> {
  let now = clocks.get(ctx);
  if (!now) clocks.set(ctx, (now = databaseNow(ctx.deps.prisma)));
  return now;
}
