import { error, redirect } from "@sveltejs/kit";
import { TenderBid } from "$lib/server/bid-queries";
import { setFlash } from "$lib/server/flash";
import { formFailure, invalid } from "$lib/server/forms";
import { requireViewer } from "$lib/server/guards";
import { ErrorFields, execute, graphql } from "$lib/server/graphql";
import { tenderIdParam, viewerSupplierId } from "$lib/server/tenders";
import { localId, toGlobalId } from "$lib/global-id";
import { parsePounds, poundsInput } from "$lib/pounds";
import type { Actions, PageServerLoad } from "./$types";

// Drafting a bid: a price for each lot bid for (blank for lots not bid for) and an answer to each
// quality question. Saving keeps a draft, sealed from everyone else; the bid page then checks it and
// submits it. Fields are named price.<lot id> and answer.<criterion id>.

const SaveBid = graphql(
  `
    mutation SaveBid($input: SaveBidInput!) {
      saveBid(input: $input) {
        __typename
        ... on SaveBidSuccess {
          data {
            id
            problems {
              message
            }
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

export const load: PageServerLoad = async (event) => {
  const viewer = requireViewer(event);
  const supplierId = viewerSupplierId(viewer);
  if (!supplierId) error(403, "Register your company as a supplier to bid");
  const { tender } = await execute(event, TenderBid, { id: tenderIdParam(event.params.id), supplierId });
  if (!tender || tender.status === "DRAFT") error(404, "Page not found");
  const bid = tender.myBid;
  if (!tender.viewerCan.bid || (bid && bid.status !== "DRAFT" && bid.status !== "WITHDRAWN"))
    redirect(303, `/tenders/${event.params.id}/bid`);
  const initial: Record<string, string> = {};
  for (const l of bid?.lots ?? []) initial[`price.${localId(l.lot.id)}`] = poundsInput(l.pricePence);
  for (const a of bid?.answers ?? []) initial[`answer.${localId(a.criterion.id)}`] = a.answer;
  return { tender, initial };
};

export const actions: Actions = {
  default: async (event) => {
    const viewer = requireViewer(event);
    const data = await event.request.formData();
    const values: Record<string, string> = {};
    for (const [key, value] of data.entries())
      if (typeof value === "string" && (key.startsWith("price.") || key.startsWith("answer."))) values[key] = value.trim();

    const fields: Record<string, string> = {};
    const lots: { lotId: string; pricePence: number }[] = [];
    const lotFields: string[] = [];
    const answers: { criterionId: string; answer: string }[] = [];
    for (const [key, value] of Object.entries(values)) {
      const [kind, uuid = ""] = key.split(".");
      if (kind === "price") {
        const price = value ? parsePounds(value) : null;
        if (value && price === null) fields[key] = "Enter your price in pounds, like 120000 or 120000.50";
        else if (price !== null) {
          lots.push({ lotId: toGlobalId("Lot", uuid), pricePence: price });
          lotFields.push(key);
        }
      } else if (kind === "answer" && value) answers.push({ criterionId: toGlobalId("Criterion", uuid), answer: value });
    }
    if (Object.keys(fields).length) return invalid(values, fields);

    const { saveBid } = await execute(event, SaveBid, {
      input: { tenderId: tenderIdParam(event.params.id), supplierId: viewerSupplierId(viewer), lots, answers },
    });
    if (saveBid.__typename !== "SaveBidSuccess") {
      // Issues name the lot by its place in the list sent ("lots.0.pricePence"): put them beside its field.
      const issues = "issues" in saveBid ? saveBid.issues : undefined;
      const renamed = issues?.map((issue) => {
        const [first, index] = issue.path;
        const field = first === "lots" && index !== undefined ? lotFields[Number(index)] : undefined;
        return field ? { ...issue, path: field.split(".") } : issue;
      });
      return formFailure({ ...saveBid, issues: renamed }, values);
    }
    const remaining = saveBid.data.problems.length;
    setFlash(event.cookies, event.url, {
      title: "Your bid is saved as a draft",
      body: remaining
        ? `Nobody else can read it. There ${remaining === 1 ? "is 1 thing" : `are ${remaining} things`} to do before you can submit it.`
        : "Nobody else can read it. Check it, then submit it before the deadline.",
    });
    redirect(303, `/tenders/${event.params.id}/bid`);
  },
};
