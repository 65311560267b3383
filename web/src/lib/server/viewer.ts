import type { RequestEvent } from "@sveltejs/kit";
import { execute, graphql, type ResultOf } from "$lib/server/graphql";

const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      id
      name
      email
      isPlatformAdmin
      unreadNotificationCount
      memberships {
        role
        organisation {
          id
          kind
          name
        }
      }
    }
  }
`);

/** The signed-in person as the layout and guards see them. */
export type Viewer = NonNullable<ResultOf<typeof ViewerQuery>["viewer"]>;

/** Asks the API who the browser's session belongs to (null when signed out). */
export async function loadViewer(event: Pick<RequestEvent, "url" | "cookies" | "request" | "getClientAddress">) {
  // No cookie, no session: spare the API a round trip for every signed-out page view.
  if (!event.request.headers.get("cookie")) return null;
  const { viewer } = await execute(event, ViewerQuery);
  return viewer;
}
