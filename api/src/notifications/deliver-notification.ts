import { z } from "zod";
import type { Deps } from "../deps.ts";
import { ValidationError } from "../errors.ts";
import type { JobPayload } from "../jobs/queues.ts";

export type SendNotificationPayload = JobPayload<"notifications", "send-notification">;

const payloadSchema = z.object({
  userIds: z.array(z.string().min(1)),
  kind: z.string().min(1),
  title: z.string().min(1).max(300),
  body: z.string().max(10_000),
  link: z.string().optional(),
  dedupeKey: z.string().min(1),
  email: z.boolean().optional(),
});

export interface DeliveryResult {
  /** In-app notifications created by this run (0 when re-run). */
  created: number;
  /** Emails sent by this run (0 when re-run after a complete delivery). */
  emailed: number;
}

/** The unique key of one recipient's copy of a notification. */
export function notificationDedupeKey(dedupeKey: string, userId: string): string {
  return `${dedupeKey}:${userId}`;
}

/**
 * Delivers a notification: one in-app row per recipient, then an email to each recipient not emailed yet.
 * Safe to run again (a retried job): rows are unique per dedupe key and user, and `emailedAt` records
 * each email sent, so a re-run creates nothing and sends nothing twice. Recipients that no longer exist
 * are skipped. A failing email throws, so the job retries and sends only the emails still missing.
 */
export async function deliverNotification(
  deps: Pick<Deps, "prisma" | "mailer" | "config" | "logger">,
  input: SendNotificationPayload,
): Promise<DeliveryResult> {
  const parsed = payloadSchema.safeParse(input);
  if (!parsed.success)
    throw new ValidationError(parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })));
  const payload = parsed.data;

  const users = await deps.prisma.user.findMany({
    where: { id: { in: [...new Set(payload.userIds)] } },
    select: { id: true, email: true, name: true },
  });
  if (users.length < new Set(payload.userIds).size)
    deps.logger.info({ dedupeKey: payload.dedupeKey }, "some recipients of a notification no longer exist");
  if (users.length === 0) return { created: 0, emailed: 0 };

  const created = await deps.prisma.notification.createMany({
    data: users.map((user) => ({
      userId: user.id,
      kind: payload.kind,
      title: payload.title,
      body: payload.body,
      link: payload.link ?? null,
      dedupeKey: notificationDedupeKey(payload.dedupeKey, user.id),
    })),
    skipDuplicates: true,
  });

  let emailed = 0;
  if (payload.email ?? true) {
    const pending = await deps.prisma.notification.findMany({
      where: {
        dedupeKey: { in: users.map((u) => notificationDedupeKey(payload.dedupeKey, u.id)) },
        emailedAt: null,
      },
      select: { id: true, userId: true },
    });
    for (const row of pending) {
      const user = users.find((u) => u.id === row.userId);
      if (!user) continue;
      await deps.mailer.send({
        to: user.email,
        subject: payload.title,
        text: emailText(deps.config.publicUrl, user.name, payload),
      });
      await deps.prisma.notification.update({ where: { id: row.id }, data: { emailedAt: new Date() } });
      emailed += 1;
    }
  }
  return { created: created.count, emailed };
}

function emailText(publicUrl: string, name: string, payload: { body: string; link?: string | undefined }): string {
  const link = payload.link ? `\n\n${new URL(payload.link, publicUrl).toString()}` : "";
  return `Hello ${name},\n\n${payload.body}${link}\n\nConnected Councils Marketplace\n${publicUrl}\n`;
}
