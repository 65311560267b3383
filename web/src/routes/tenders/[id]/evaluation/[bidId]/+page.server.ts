import { error, redirect } from "@sveltejs/kit";
import { setFlash } from "$lib/server/flash";
import { formFailure, invalid } from "$lib/server/forms";
import { requireViewer } from "$lib/server/guards";
import { ErrorFields, execute, graphql } from "$lib/server/graphql";
import { idParam, renameIssues, tenderIdParam } from "$lib/server/tenders";
import { localId, toGlobalId } from "$lib/global-id";
import type { Actions, PageServerLoad } from "./$types";

// One evaluator scoring one bid: the bid's answer to each quality question beside a 0-4 mark and the
// reason for it. Each evaluator's marks are their own; the evaluation page shows the moderated result.
// Fields are mark.<criterion id> and comment.<criterion id>.

const BidToScore = graphql(`
  query BidToScore($bidId: ID!, $tenderId: ID!) {
    scoreScale {
      mark
      label
    }
    tender(id: $tenderId) {
      id
      title
      evaluationStartedAt
      viewerCan {
        evaluate
      }
      viewerConflictDeclaration {
        hasConflict
      }
      criteria {
        id
        kind
        title
        description
        weight
      }
    }
    node(id: $bidId) {
      ... on Bid {
        id
        tender {
          id
        }
        supplier {
          name
        }
        submittedAt
        lots {
          lot {
            id
            number
            title
          }
          pricePence
        }
        answers {
          criterion {
            id
          }
          answer
        }
        scores {
          criterion {
            id
          }
          mark
          comment
        }
      }
    }
  }
`);

const ScoreBid = graphql(
  `
    mutation ScoreBid($input: ScoreBidInput!) {
      scoreBid(input: $input) {
        __typename
        ... on ScoreBidSuccess {
          data {
            mark
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
  const tenderId = tenderIdParam(event.params.id);
  const { scoreScale, tender, node } = await execute(event, BidToScore, { tenderId, bidId: idParam("Bid", event.params.bidId) });
  if (!tender || !node || !("supplier" in node) || node.tender.id !== tender.id) error(404, "Page not found");
  const initial: Record<string, string> = {};
  for (const s of node.scores) {
    initial[`mark.${localId(s.criterion.id)}`] = String(s.mark);
    initial[`comment.${localId(s.criterion.id)}`] = s.comment;
  }
  const canScore = tender.viewerCan.evaluate && tender.viewerConflictDeclaration?.hasConflict === false;
  return { scoreScale, tender, bid: node, initial, canScore };
};

export const actions: Actions = {
  default: async (event) => {
    requireViewer(event);
    const data = await event.request.formData();
    const values: Record<string, string> = {};
    for (const [key, value] of data.entries())
      if (typeof value === "string" && (key.startsWith("mark.") || key.startsWith("comment."))) values[key] = value.trim();

    // A criterion is scored when either of its fields is filled in; then both must be.
    const criteria = [...new Set(Object.keys(values).map((key) => key.split(".")[1] ?? ""))].filter(Boolean);
    const fields: Record<string, string> = {};
    const scores: { criterion: string; mark: number; comment: string }[] = [];
    for (const criterion of criteria) {
      const mark = values[`mark.${criterion}`] ?? "";
      const comment = values[`comment.${criterion}`] ?? "";
      if (!mark && !comment) continue;
      if (!/^[0-4]$/.test(mark)) fields[`mark.${criterion}`] = "Choose a mark from 0 to 4";
      if (!comment) fields[`comment.${criterion}`] = "Give the reason for your mark: bidders are told why";
      else scores.push({ criterion, mark: Number(mark), comment });
    }
    if (Object.keys(fields).length) return invalid(values, fields);
    if (scores.length === 0) return invalid(values, { [`mark.${criteria[0] ?? ""}`]: "Choose a mark for at least one question" });

    const bidId = idParam("Bid", event.params.bidId);
    for (const score of scores) {
      const { scoreBid } = await execute(event, ScoreBid, {
        input: {
          bidId,
          criterionId: toGlobalId("Criterion", score.criterion),
          mark: score.mark,
          comment: score.comment,
        },
      });
      if (scoreBid.__typename !== "ScoreBidSuccess")
        return formFailure(
          renameIssues(scoreBid, { mark: `mark.${score.criterion}`, comment: `comment.${score.criterion}` }),
          values,
        );
    }
    setFlash(event.cookies, event.url, {
      title: "Your scores are saved",
      body: "The moderated scores now include your marks: each is the middle of every evaluator's mark.",
    });
    redirect(303, `/tenders/${event.params.id}/evaluation`);
  },
};
