// The supplier whose profile and offerings the signed-in person is managing: the one named by
// ?organisation=<id> (for people in more than one), otherwise their first supplier.
import { error, type RequestEvent } from "@sveltejs/kit";
import { requireMembership } from "$lib/server/guards";

export interface CurrentSupplier {
  /** The Organisation's global ID. */
  id: string;
  name: string;
  role: string;
  /** "?organisation=<id>" when the person belongs to more than one supplier (for links and form actions), else "". */
  query: string;
}

export function currentSupplier(event: Pick<RequestEvent, "locals" | "url">): CurrentSupplier {
  const viewer = requireMembership(event);
  const suppliers = viewer.memberships.filter((m) => m.organisation.kind === "SUPPLIER");
  const chosen = event.url.searchParams.get("organisation");
  const membership = suppliers.find((m) => m.organisation.id === chosen) ?? suppliers[0];
  if (!membership) error(403, "Only suppliers have a profile and offerings");
  return {
    id: membership.organisation.id,
    name: membership.organisation.name,
    role: membership.role,
    query: suppliers.length > 1 ? `?organisation=${encodeURIComponent(membership.organisation.id)}` : "",
  };
}
