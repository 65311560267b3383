import type { Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";
import { UnauthenticatedError } from "../errors.ts";
import { databaseNow } from "../shared/transaction.ts";

/** Marks all of the viewer's unread notifications read; resolves with how many changed. */
export async function markAllNotificationsRead(deps: Pick<Deps, "prisma">, viewer: Viewer | null): Promise<number> {
  if (!viewer) throw new UnauthenticatedError();
  const { count } = await deps.prisma.notification.updateMany({
    where: { userId: viewer.userId, readAt: null },
    data: { readAt: await databaseNow(deps.prisma) },
  });
  return count;
}
