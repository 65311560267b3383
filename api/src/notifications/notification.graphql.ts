import { builder } from "../builder.ts";
import { idFrom } from "../shared/global-id.ts";
import { NotFoundError, UnauthenticatedError } from "../errors.ts";
import { markAllNotificationsRead } from "./mark-all-notifications-read.ts";
import { markNotificationRead } from "./mark-notification-read.ts";

// A person's notifications are theirs alone: reachable only through `viewer`, and `node(id)` finds
// nobody else's (the lookup is narrowed to the viewer), so an id cannot be probed.

export const NotificationRef = builder.prismaNode("Notification", {
  id: { field: "id" },
  findUnique: (id, ctx) => ({ id, userId: ctx.viewer?.userId ?? "" }),
  // Someone else's id loads nothing, and `node(id)` answers null rather than an error.
  nullable: true,
  authScopes: (notification, ctx) => notification.userId === ctx.viewer?.userId,
  fields: (t) => ({
    kind: t.exposeString("kind", { description: 'What happened, e.g. "tender.amended".' }),
    title: t.exposeString("title"),
    body: t.exposeString("body"),
    link: t.exposeString("link", { nullable: true, description: "A path in the web app to follow up." }),
    readAt: t.expose("readAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

const isViewer = (user: { id: string }, _args: unknown, ctx: { viewer: { userId: string } | null }) =>
  user.id === ctx.viewer?.userId;

const emptyConnection = {
  edges: [],
  pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
};

builder.prismaObjectFields("User", (t) => ({
  notifications: t.relatedConnection("notifications", {
    description: "Your notifications, newest first (only ever your own: empty for anyone else).",
    cursor: "id",
    args: { unreadOnly: t.arg.boolean({ required: false, description: "Only those not yet read." }) },
    query: (args) => ({
      where: args.unreadOnly ? { readAt: null } : {},
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    }),
    defaultSize: 20,
    maxSize: 100,
    authScopes: isViewer,
    unauthorizedResolver: () => emptyConnection as never,
  }),
  unreadNotificationCount: t.relationCount("notifications", {
    description: "How many of your notifications are unread (0 for anyone else).",
    where: { readAt: null },
    authScopes: isViewer,
    unauthorizedResolver: () => 0,
  }),
}));

builder.mutationField("markNotificationRead", (t) =>
  t.prismaField({
    type: "Notification",
    description: "Mark one of your notifications as read.",
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }) },
    errors: { types: [NotFoundError] },
    resolve: async (query, _root, { id }, ctx) => {
      const notification = await markNotificationRead(
        ctx.deps,
        ctx.viewer,
        idFrom(String(id), "Notification", "That notification"),
      );
      return ctx.deps.prisma.notification.findUniqueOrThrow({ ...query, where: { id: notification.id } });
    },
  }),
);

builder.mutationField("markAllNotificationsRead", (t) =>
  t.prismaField({
    type: "User",
    description: "Mark all your notifications as read; returns you, with the unread count now 0.",
    authScopes: { signedIn: true },
    errors: {},
    resolve: async (query, _root, _args, ctx) => {
      if (!ctx.viewer) throw new UnauthenticatedError();
      await markAllNotificationsRead(ctx.deps, ctx.viewer);
      return ctx.deps.prisma.user.findUniqueOrThrow({ ...query, where: { id: ctx.viewer.userId } });
    },
  }),
);
