import { decodeGlobalID } from "@pothos/plugin-relay";
import { NotFoundError } from "../errors.ts";

/** The database id inside a Relay global id of the expected type; anything else names nothing (NotFound). */
export function idFrom(globalId: string | number, typename: string, what = `That ${typename.toLowerCase()}`): string {
  try {
    const decoded = decodeGlobalID(String(globalId));
    if (decoded.typename === typename) return decoded.id;
  } catch {
    // A malformed id names nothing.
  }
  throw new NotFoundError(what);
}

/** Like idFrom for optional inputs. */
export function optionalIdFrom(globalId: string | number | null | undefined, typename: string, what?: string): string | null {
  return globalId === null || globalId === undefined || globalId === "" ? null : idFrom(globalId, typename, what);
}
