import { error, redirect } from "@sveltejs/kit";
import { setFlash } from "$lib/server/flash";
import { formFailure } from "$lib/server/forms";
import { requireViewer } from "$lib/server/guards";
import { ErrorFields, execute, graphql } from "$lib/server/graphql";
import { tenderIdParam } from "$lib/server/tenders";
import type { Actions, PageServerLoad } from "./$types";

// The plain-English and SME-barrier check before publishing: what must be fixed (refusals), what is
// advice (warnings), the readability of the description and the jargon found, with plainer words.

const TenderCheck = graphql(`
  query TenderCheck($id: ID!) {
    tender(id: $id) {
      id
      title
      status
      submissionDeadline
      viewerCan {
        publish
        edit
      }
      readiness {
        canPublish
        aboveThreshold
        minimumSubmissionDays
        submissionPeriodDays
        readability {
          fleschReadingEase
          band
          words
          sentences
        }
        jargon {
          term
          alternatives
          count
        }
        checks {
          code
          severity
          message
          path
        }
      }
    }
  }
`);

const PublishTender = graphql(
  `
    mutation PublishTender($id: ID!) {
      publishTender(id: $id) {
        __typename
        ... on PublishTenderSuccess {
          data {
            id
            submissionDeadline
          }
        }
        ... on TenderNotReadyError {
          checks {
            message
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
  const { tender } = await execute(event, TenderCheck, { id: tenderIdParam(event.params.id) });
  if (!tender?.readiness) error(404, "Page not found");
  return { tender, readiness: tender.readiness };
};

export const actions: Actions = {
  publish: async (event) => {
    requireViewer(event);
    const { publishTender } = await execute(event, PublishTender, { id: tenderIdParam(event.params.id) });
    if (publishTender.__typename === "TenderNotReadyError")
      return formFailure({ ...publishTender, issues: publishTender.checks.map((c) => ({ path: [], message: c.message })) }, {});
    if (publishTender.__typename !== "PublishTenderSuccess") return formFailure(publishTender, {});
    setFlash(event.cookies, event.url, {
      title: "Tender published",
      body: "Suppliers can now find it, ask questions and bid. We are telling suppliers whose work matches it.",
    });
    redirect(303, `/tenders/${event.params.id}`);
  },
};
