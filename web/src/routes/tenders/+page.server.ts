import { parsePounds } from "$lib/pounds";
import { execute, graphql, type VariablesOf } from "$lib/server/graphql";
import type { FormErrors } from "$lib/forms";
import type { PageServerLoad } from "./$types";

// Finding tenders: a GET form of filters, so every search has an address and works without
// JavaScript. Open tenders come soonest deadline first; "all" shows every published tender, newest first.

const PAGE_SIZE = 20;
const DAY = 24 * 60 * 60 * 1000;
const CLOSING_WITHIN = ["7", "14", "30", "90"] as const;

const TenderList = graphql(`
  query TenderList($filter: TenderFilter, $first: Int, $after: String, $last: Int, $before: String, $orderBy: TenderOrder) {
    tenders(filter: $filter, first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy) {
      edges {
        node {
          id
          title
          status
          valuePence
          suitableForSme
          submissionDeadline
          buyer {
            name
          }
          cpvCodes {
            code8
            label
          }
          lots {
            id
          }
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`);

type Filter = NonNullable<VariablesOf<typeof TenderList>["filter"]>;

export const load: PageServerLoad = async (event) => {
  const params = event.url.searchParams;
  const query = {
    q: (params.get("q") ?? "").trim(),
    cpv: (params.get("cpv") ?? "").trim(),
    min: (params.get("min") ?? "").trim(),
    max: (params.get("max") ?? "").trim(),
    closing: (params.get("closing") ?? "").trim(),
    sme: params.get("sme") === "yes",
    show: params.get("show") === "all" ? "all" : "open",
  };

  const fields: Record<string, string> = {};
  const filter: Filter = {
    statuses:
      query.show === "all"
        ? ["PUBLISHED", "CLOSED", "EVALUATION", "AWARD_PENDING", "AWARDED", "UNSUCCESSFUL", "CANCELLED"]
        : ["PUBLISHED"],
  };
  if (query.q) filter.search = query.q;
  if (query.cpv) {
    if (/^\d{8}(-\d)?$/.test(query.cpv)) filter.cpvCodes = [query.cpv.slice(0, 8)];
    else fields.cpv = "Enter a CPV code of 8 numbers, like 72000000";
  }
  const min = query.min ? parsePounds(query.min) : null;
  if (query.min && min === null) fields.min = "Enter the lowest value in pounds, like 10000";
  else if (min !== null) filter.minValuePence = min;
  const max = query.max ? parsePounds(query.max) : null;
  if (query.max && max === null) fields.max = "Enter the highest value in pounds, like 500000";
  else if (max !== null) filter.maxValuePence = max;
  if (min !== null && max !== null && min > max)
    fields.max = "The highest value must be the same as or more than the lowest value";
  if ((CLOSING_WITHIN as readonly string[]).includes(query.closing))
    filter.deadlineTo = new Date(Date.now() + Number(query.closing) * DAY).toISOString();
  if (query.sme) filter.suitableForSme = true;

  const errors: FormErrors | null = Object.keys(fields).length
    ? { summary: Object.entries(fields).map(([name, text]) => ({ text, href: `#${name}` })), fields }
    : null;
  if (errors) return { query, errors, tenders: [], pageInfo: null };

  const before = params.get("before");
  const after = params.get("after");
  const { tenders } = await execute(event, TenderList, {
    filter,
    orderBy: query.show === "all" ? "NEWEST" : "DEADLINE_SOONEST",
    ...(before ? { last: PAGE_SIZE, before } : { first: PAGE_SIZE, after: after || null }),
  });
  return { query, errors, tenders: tenders.edges.map((e) => e.node), pageInfo: tenders.pageInfo };
};
