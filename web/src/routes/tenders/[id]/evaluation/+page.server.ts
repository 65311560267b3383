import { error, redirect } from "@sveltejs/kit";
import { setFlash } from "$lib/server/flash";
import { formFailure, invalid, text } from "$lib/server/forms";
import { requireViewer } from "$lib/server/guards";
import { ErrorFields, execute, graphql } from "$lib/server/graphql";
import { idParam, renameIssues, tenderIdParam } from "$lib/server/tenders";
import { formatDeadline } from "$lib/tenders";
import type { Actions, PageServerLoad } from "./$types";

// Evaluation after the deadline: a buyer opens the sealed bids; each evaluator declares any conflict of
// interest (needed before scoring) and scores on their own; everyone without a conflict sees the price
// scores, the moderated quality scores with their spread, and the totals; a buyer awards each lot.

const TenderEvaluation = graphql(`
  query TenderEvaluation($id: ID!) {
    tender(id: $id) {
      id
      title
      status
      bidCount
      evaluationStartedAt
      viewerCan {
        openBids
        evaluate
        award
      }
      viewerConflictDeclaration {
        hasConflict
        details
        declaredAt
      }
      criteria {
        id
        kind
        title
        weight
      }
      lots {
        id
        number
        title
        award {
          id
          decidedAt
          standstillEndsAt
          reasons
          supplier {
            name
          }
        }
      }
    }
  }
`);

const OpenedBids = graphql(`
  query OpenedBids($id: ID!) {
    tender(id: $id) {
      id
      evaluation {
        lot {
          id
        }
        results {
          bid {
            id
            scores {
              criterion {
                id
              }
            }
          }
          supplier {
            id
            name
          }
          pricePence
          priceScore
          qualityScore
          total
          rank
          complete
          criteria {
            criterion {
              id
              title
              kind
            }
            weight
            moderated
            weighted
            spread {
              count
              min
              max
              median
            }
          }
        }
      }
    }
  }
`);

const OpenBids = graphql(
  `
    mutation OpenBids($id: ID!) {
      openBids(id: $id) {
        __typename
        ... on OpenBidsSuccess {
          data {
            id
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

const DeclareConflict = graphql(
  `
    mutation DeclareConflict($input: DeclareConflictInput!) {
      declareConflict(input: $input) {
        __typename
        ... on DeclareConflictSuccess {
          data {
            hasConflict
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

const AwardTender = graphql(
  `
    mutation AwardTender($tenderId: ID!, $lotId: ID!, $bidId: ID!, $reasons: String!) {
      awardTender(tenderId: $tenderId, lotId: $lotId, bidId: $bidId, reasons: $reasons) {
        __typename
        ... on AwardTenderSuccess {
          data {
            id
            standstillEndsAt
            supplier {
              name
            }
            lot {
              number
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
  requireViewer(event);
  const id = tenderIdParam(event.params.id);
  const { tender } = await execute(event, TenderEvaluation, { id });
  // Only the buying council's people get the bid count; for anyone else there is no such page.
  if (!tender || tender.bidCount === null) error(404, "Page not found");
  const declaration = tender.viewerConflictDeclaration;
  // Bids are asked for only when the API will show them, so no refused read is recorded needlessly.
  const opened =
    tender.evaluationStartedAt !== null && !declaration?.hasConflict ? (await execute(event, OpenedBids, { id })).tender : null;
  const evaluation = opened?.evaluation ?? null;
  // Everyone who bid, once, for the declaration of conflicts of interest.
  const suppliers = [
    ...new Map(evaluation?.flatMap((l) => l.results.map((r) => [r.supplier.id, r.supplier.name] as const))).values(),
  ];
  return { tender, declaration, evaluation, suppliers };
};

export const actions: Actions = {
  open: async (event) => {
    requireViewer(event);
    const { openBids } = await execute(event, OpenBids, { id: tenderIdParam(event.params.id) });
    if (openBids.__typename !== "OpenBidsSuccess") return formFailure(openBids, {});
    setFlash(event.cookies, event.url, {
      title: "Bids opened",
      body: "Declare any conflict of interest, then score each bid. Colleagues score on their own.",
    });
    redirect(303, event.url.pathname);
  },

  declare: async (event) => {
    requireViewer(event);
    const data = await event.request.formData();
    const values = { hasConflict: text(data, "hasConflict"), details: text(data, "details") };
    if (values.hasConflict !== "yes" && values.hasConflict !== "no")
      return invalid(values, { hasConflict: "Select yes if you have a conflict of interest with any of these suppliers" });
    const { declareConflict } = await execute(event, DeclareConflict, {
      input: { tenderId: tenderIdParam(event.params.id), hasConflict: values.hasConflict === "yes", details: values.details },
    });
    if (declareConflict.__typename !== "DeclareConflictSuccess") return formFailure(declareConflict, values);
    setFlash(
      event.cookies,
      event.url,
      declareConflict.data.hasConflict
        ? { title: "Conflict of interest recorded", body: "You will not see or score these bids." }
        : { title: "You declared no conflict of interest", body: "You can now score the bids." },
    );
    redirect(303, event.url.pathname);
  },

  award: async (event) => {
    requireViewer(event);
    const data = await event.request.formData();
    const lot = text(data, "lotId");
    const field = `reasons.${lot}`;
    const values: Record<string, string> = { [field]: text(data, field) };
    const { awardTender } = await execute(event, AwardTender, {
      tenderId: tenderIdParam(event.params.id),
      lotId: idParam("Lot", lot),
      bidId: idParam("Bid", text(data, "bidId")),
      reasons: values[field] ?? "",
    });
    if (awardTender.__typename !== "AwardTenderSuccess")
      return formFailure(renameIssues(awardTender, { reasons: field }), values);
    setFlash(event.cookies, event.url, {
      title: `Lot ${awardTender.data.lot.number} is to be awarded to ${awardTender.data.supplier.name}`,
      body: `Every bidder has been sent its feedback. The standstill period ends on ${formatDeadline(awardTender.data.standstillEndsAt)}; the contract is made then.`,
    });
    redirect(303, event.url.pathname);
  },
};
