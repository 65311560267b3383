// Small things the matching pages (opportunities, a tender's matches) share: how points read, and the
// page address of a tender from its global id.

/** "29.8" from 29.75, "35" from 35: points to one decimal place, without a trailing ".0". */
export function formatPoints(points: number): string {
  const rounded = Math.round(points * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

/** The database id inside a Relay global id ("Tender:<uuid>" in base64), for page addresses. */
export function idInPath(globalId: string): string {
  try {
    const decoded = atob(globalId);
    const colon = decoded.indexOf(":");
    return colon > 0 ? decoded.slice(colon + 1) : globalId;
  } catch {
    return globalId;
  }
}

/** The Relay global id of an object of this type whose database id is in a page address. */
export function globalIdFromPath(typename: string, id: string): string {
  return btoa(`${typename}:${id}`);
}
