import { error } from "@sveltejs/kit";
import { requireMembership } from "$lib/server/guards";
import { execute, graphql } from "$lib/server/graphql";
import { loadTenderDashboard } from "$lib/server/tender-dashboard";
import type { PageServerLoad } from "./$types";

const Dashboard = graphql(`
  query Dashboard {
    viewer {
      id
      memberships {
        role
        organisation {
          id
          kind
          name
          verified
          gssCode
          companiesHouseNumber
          website
          description
          createdAt
          region {
            name
          }
          regionsServed {
            code
            name
          }
          members {
            role
            createdAt
            email
            user {
              id
              name
            }
          }
        }
      }
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  requireMembership(event);
  const { viewer } = await execute(event, Dashboard);
  if (!viewer) error(401, "Sign in to continue");
  // People in more than one organisation switch with ?organisation=<id>; the first is the default.
  const chosen = event.url.searchParams.get("organisation");
  const membership = viewer.memberships.find((m) => m.organisation.id === chosen) ?? viewer.memberships[0];
  if (!membership) error(404, "Page not found");
  return {
    membership,
    others: viewer.memberships.filter((m) => m !== membership).map((m) => m.organisation),
    tendering: await loadTenderDashboard(event, membership.organisation),
  };
};
