import type { Notification } from "@ccm/prisma";
import type { Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";
import { NotFoundError, UnauthenticatedError } from "../errors.ts";
import { databaseNow } from "../shared/transaction.ts";

/** Marks one of the viewer's notifications read (keeping the first read time); anyone else's is "not found". */
export async function markNotificationRead(
  deps: Pick<Deps, "prisma">,
  viewer: Viewer | null,
  notificationId: string,
): Promise<Notification> {
  if (!viewer) throw new UnauthenticatedError();
  const mine = { id: notificationId, userId: viewer.userId };
  await deps.prisma.notification.updateMany({
    where: { ...mine, readAt: null },
    data: { readAt: await databaseNow(deps.prisma) },
  });
  const notification = await deps.prisma.notification.findFirst({ where: mine });
  if (!notification) throw new NotFoundError("That notification");
  return notification;
}
