import type { SupplierAlertSettings } from "@ccm/prisma";
import { z } from "zod";
import { recordAuditEvent } from "../audit/audit.ts";
import { hasRole, type Viewer } from "../context.ts";
import { normaliseCpvCode } from "../cpv/cpv.ts";
import type { Deps } from "../deps.ts";
import { ForbiddenError, UnauthenticatedError } from "../errors.ts";
import { isRegionCode } from "../organisations/councils.ts";
import { parseInput } from "../shared/parse-input.ts";
import { BID_ROLES } from "../tenders/tender-access.ts";

export const updateAlertSettingsSchema = z
  .object({
    organisationId: z.string().min(1),
    cpvCodes: z
      .array(z.string())
      .max(100)
      .transform((codes, ctx) =>
        codes.map((raw, i) => {
          const code = normaliseCpvCode(raw);
          if (!code) ctx.addIssue({ code: "custom", path: [i], message: `${raw} is not a CPV code` });
          return code ?? raw;
        }),
      ),
    regions: z.array(z.string().refine(isRegionCode, "Choose a UK region (ITL1 code such as TLI)")).max(12),
    minValuePence: z.bigint().nonnegative("The lowest value cannot be negative").nullable(),
    maxValuePence: z.bigint().nonnegative("The highest value cannot be negative").nullable(),
    emailDigest: z.boolean(),
  })
  .refine((s) => s.minValuePence === null || s.maxValuePence === null || s.minValuePence <= s.maxValuePence, {
    path: ["maxValuePence"],
    message: "The highest value must be at least the lowest",
  });

export type UpdateAlertSettingsInput = z.input<typeof updateAlertSettingsSchema>;

/**
 * Sets which matched tenders a supplier is told about: CPV codes (a code covers those below it), regions
 * and a value range, each empty for "any"; and whether it gets the daily email digest. Matching itself is
 * unchanged: matches outside the settings still appear among its opportunities.
 */
export async function updateAlertSettings(
  deps: Pick<Deps, "prisma">,
  viewer: Viewer | null,
  raw: UpdateAlertSettingsInput,
): Promise<SupplierAlertSettings> {
  if (!viewer) throw new UnauthenticatedError();
  const input = parseInput(updateAlertSettingsSchema, raw);
  const supplier = await deps.prisma.organisation.findUnique({ where: { id: input.organisationId }, select: { kind: true } });
  if (!supplier || supplier.kind !== "SUPPLIER" || !hasRole(viewer, input.organisationId, BID_ROLES))
    throw new ForbiddenError("Only a supplier's administrators and bidders can change its alert settings");
  const data = {
    cpvCodes: [...new Set(input.cpvCodes)].sort(),
    regions: [...new Set(input.regions)].sort(),
    minValuePence: input.minValuePence,
    maxValuePence: input.maxValuePence,
    emailDigest: input.emailDigest,
  };
  return deps.prisma.$transaction(async (tx) => {
    const settings = await tx.supplierAlertSettings.upsert({
      where: { organisationId: input.organisationId },
      create: { organisationId: input.organisationId, ...data },
      update: data,
    });
    await recordAuditEvent(tx, {
      actorUserId: viewer.userId,
      organisationId: input.organisationId,
      action: "supplier.alert-settings-updated",
      entityType: "Organisation",
      entityId: input.organisationId,
      data: {
        ...data,
        minValuePence: data.minValuePence?.toString() ?? null,
        maxValuePence: data.maxValuePence?.toString() ?? null,
      },
    });
    return settings;
  });
}
