import { redirect } from "@sveltejs/kit";
import { setFlash } from "$lib/server/flash";
import { formFailure, text } from "$lib/server/forms";
import { requireViewer } from "$lib/server/guards";
import { ErrorFields, execute, graphql } from "$lib/server/graphql";
import type { Actions, PageServerLoad } from "./$types";

const PAGE_SIZE = 20;

const Notifications = graphql(`
  query Notifications($first: Int!, $after: String) {
    viewer {
      id
      unreadNotificationCount
      notifications(first: $first, after: $after) {
        edges {
          node {
            id
            kind
            title
            body
            link
            readAt
            createdAt
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

const MarkNotificationRead = graphql(
  `
    mutation MarkNotificationRead($id: ID!) {
      markNotificationRead(id: $id) {
        __typename
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

const MarkAllNotificationsRead = graphql(
  `
    mutation MarkAllNotificationsRead {
      markAllNotificationsRead {
        __typename
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

export const load: PageServerLoad = async (event) => {
  requireViewer(event);
  const after = event.url.searchParams.get("after");
  const { viewer } = await execute(event, Notifications, { first: PAGE_SIZE, after });
  if (!viewer) redirect(303, "/sign-in?returnTo=%2Fnotifications");
  return {
    unread: viewer.unreadNotificationCount,
    notifications: viewer.notifications.edges.map((e) => e.node),
    // Older pages are reached by cursor; "newest" goes back to the start.
    older: viewer.notifications.pageInfo.hasNextPage ? viewer.notifications.pageInfo.endCursor : null,
    isFirstPage: !after,
    after,
  };
};

/** Back to the page of the list the form was on (POST, redirect, GET). */
function backToList(url: URL): string {
  const after = url.searchParams.get("after");
  return after ? `/notifications?after=${encodeURIComponent(after)}` : "/notifications";
}

export const actions: Actions = {
  read: async (event) => {
    requireViewer(event);
    const values = { id: text(await event.request.formData(), "id") };
    const { markNotificationRead } = await execute(event, MarkNotificationRead, { id: values.id });
    if (markNotificationRead.__typename !== "MarkNotificationReadSuccess") return formFailure(markNotificationRead, values);
    redirect(303, backToList(event.url));
  },

  readAll: async (event) => {
    requireViewer(event);
    const { markAllNotificationsRead } = await execute(event, MarkAllNotificationsRead);
    if (markAllNotificationsRead.__typename !== "MarkAllNotificationsReadSuccess")
      return formFailure(markAllNotificationsRead, {});
    setFlash(event.cookies, event.url, { title: "All your notifications are marked as read" });
    redirect(303, backToList(event.url));
  },
};
