import { error, redirect } from "@sveltejs/kit";
import { setFlash } from "$lib/server/flash";
import { requireViewer } from "$lib/server/guards";
import { execute } from "$lib/server/graphql";
import {
  changeTenderForm,
  CreateTender,
  invalidTender,
  readTenderForm,
  TenderRegions,
  tenderFailure,
  toTenderInput,
} from "$lib/server/tender-form";
import type { Viewer } from "$lib/server/viewer";
import { localId } from "$lib/global-id";
import { newTenderValues } from "$lib/tender-form";
import type { Actions, PageServerLoad } from "./$types";

/** The councils the viewer may draft tenders for (buyers and administrators). */
function buyingCouncils(viewer: Viewer) {
  return viewer.memberships
    .filter((m) => m.organisation.kind === "COUNCIL" && (m.role === "ADMIN" || m.role === "BUYER"))
    .map((m) => m.organisation);
}

export const load: PageServerLoad = async (event) => {
  const viewer = requireViewer(event);
  const councils = buyingCouncils(viewer);
  if (councils.length === 0) error(403, "Only buyers for a council can draft a tender");
  const { regions } = await execute(event, TenderRegions);
  return { councils, regions, initial: newTenderValues() };
};

export const actions: Actions = {
  change: (event) => {
    requireViewer(event);
    return changeTenderForm(event);
  },

  save: async (event) => {
    const viewer = requireViewer(event);
    const data = await event.request.formData();
    const values = readTenderForm(data);
    const councils = buyingCouncils(viewer);
    const buyerId = String(data.get("buyerId") ?? "") || councils[0]?.id || null;
    const parsed = toTenderInput(values);
    if ("fields" in parsed) return invalidTender(values, parsed.fields);
    const { createTender } = await execute(event, CreateTender, { input: { ...parsed.input, buyerId } });
    if (createTender.__typename !== "CreateTenderSuccess") return tenderFailure(values, createTender);
    setFlash(event.cookies, event.url, {
      title: "Draft saved",
      body: "Only people in your council can see it. Check it and publish it when it is ready.",
    });
    redirect(303, `/tenders/${localId(createTender.data.id)}`);
  },
};
