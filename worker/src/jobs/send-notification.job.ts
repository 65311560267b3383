import { deliverNotification } from "@ccm/api/notifications/deliver-notification";
import type { JobHandler } from "../processors.ts";

/** Delivers one notification (in-app rows, then emails); idempotent, so a retry sends nothing twice. */
export const sendNotificationJob: JobHandler<"notifications", "send-notification"> = (deps, job) =>
  deliverNotification(deps, job.data);
