import { error } from "@sveltejs/kit";
import { setFlash } from "$lib/server/flash";
import { formFailure, text } from "$lib/server/forms";
import { requireViewer } from "$lib/server/guards";
import { ErrorFields, execute, graphql } from "$lib/server/graphql";
import { idParam, renameIssues, tenderIdParam, viewerSupplierId } from "$lib/server/tenders";
import { redirect } from "@sveltejs/kit";
import type { Actions, PageServerLoad } from "./$types";

// Clarification questions: suppliers ask (never named to anyone), the council answers, and every answer
// is published here for all suppliers.

const TenderQuestions = graphql(`
  query TenderQuestions($id: ID!) {
    tender(id: $id) {
      id
      title
      status
      clarificationDeadline
      viewerCan {
        askClarification
        answerClarification
      }
      clarificationQuestions {
        id
        question
        answer
        askedAt
        answeredAt
        askedByViewer
      }
    }
  }
`);

const AskClarification = graphql(
  `
    mutation AskClarification($input: AskClarificationInput!) {
      askClarification(input: $input) {
        __typename
        ... on AskClarificationSuccess {
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

const AnswerClarification = graphql(
  `
    mutation AnswerClarification($input: AnswerClarificationInput!) {
      answerClarification(input: $input) {
        __typename
        ... on AnswerClarificationSuccess {
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

export const load: PageServerLoad = async (event) => {
  const { tender } = await execute(event, TenderQuestions, { id: tenderIdParam(event.params.id) });
  if (!tender || tender.status === "DRAFT") error(404, "Page not found");
  return { tender };
};

export const actions: Actions = {
  ask: async (event) => {
    requireViewer(event);
    const values = { question: text(await event.request.formData(), "question") };
    const { askClarification } = await execute(event, AskClarification, {
      input: {
        tenderId: tenderIdParam(event.params.id),
        supplierId: viewerSupplierId(event.locals.viewer),
        question: values.question,
      },
    });
    if (askClarification.__typename !== "AskClarificationSuccess") return formFailure(askClarification, values);
    setFlash(event.cookies, event.url, {
      title: "Question sent",
      body: "The council sees your question but not who asked it. Its answer is published here for every supplier, and we will tell you.",
    });
    redirect(303, event.url.pathname);
  },

  answer: async (event) => {
    requireViewer(event);
    const data = await event.request.formData();
    const questionId = text(data, "questionId");
    const field = `answer.${questionId}`;
    const values: Record<string, string> = { questionId, [field]: text(data, field) };
    const { answerClarification } = await execute(event, AnswerClarification, {
      input: { questionId: idParam("ClarificationQuestion", questionId), answer: values[field] ?? "" },
    });
    if (answerClarification.__typename !== "AnswerClarificationSuccess")
      return formFailure(renameIssues(answerClarification, { answer: field }), values);
    setFlash(event.cookies, event.url, {
      title: "Answer published",
      body: "Every supplier can read it here, and those who bid or follow the tender are told. The asker is not named.",
    });
    redirect(303, event.url.pathname);
  },
};
