// Page addresses carry database ids (/catalogue/offerings/<uuid>), as the API's notification links do;
// the API takes Relay global IDs, which are base64("Type:id") (Pothos' encoding).

/** The global ID the API uses for the object of this type with this database id. */
export function toGlobalId(typename: string, id: string): string {
  return btoa(`${typename}:${id}`);
}

/** The database id inside a global ID of this type, or null for anything else. */
export function fromGlobalId(globalId: string, typename: string): string | null {
  try {
    const decoded = atob(globalId);
    const prefix = `${typename}:`;
    return decoded.startsWith(prefix) && decoded.length > prefix.length ? decoded.slice(prefix.length) : null;
  } catch {
    return null;
  }
}

/** The database id of a global ID of any type (for links built from API results). */
export function localId(globalId: string): string {
  try {
    const decoded = atob(globalId);
    const colon = decoded.indexOf(":");
    return colon > 0 ? decoded.slice(colon + 1) : globalId;
  } catch {
    return globalId;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a page address segment looks like one of our database ids (anything else is a 404). */
export function isLocalId(segment: string): boolean {
  return UUID.test(segment);
}
