import { z } from "zod";
import type { Organisation } from "@ccm/prisma";
import { recordAuditEvent } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import type { Deps } from "../deps.ts";
import { ConflictError, UnauthenticatedError, ValidationError } from "../errors.ts";
import { normaliseCompaniesHouseNumber } from "./companies-house.ts";
import { findCouncil, isRegionCode } from "./councils.ts";

export const registerOrganisationSchema = z.object({
  kind: z.enum(["COUNCIL", "SUPPLIER"], { message: "Choose whether you are a council or a supplier" }),
  name: z.string().trim().max(200, "Name must be 200 characters or fewer").optional(),
  gssCode: z.string().trim().optional(),
  companiesHouseNumber: z.string().trim().optional(),
  description: z.string().trim().max(2000, "Description must be 2,000 characters or fewer").optional(),
  website: z.union([z.url("Enter a web address starting with https://"), z.literal("")]).optional(),
  regionsServed: z.array(z.string()).max(12).optional(),
});

export type RegisterOrganisationInput = z.infer<typeof registerOrganisationSchema>;

/** Registers a council (one of the real authorities) or a supplier; the caller becomes its ADMIN. */
export async function registerOrganisation(
  deps: Pick<Deps, "prisma">,
  viewer: Viewer | null,
  input: RegisterOrganisationInput,
): Promise<Organisation> {
  if (!viewer) throw new UnauthenticatedError();
  const data = input.kind === "COUNCIL" ? councilData(input) : supplierData(input);
  const uniqueWhere = data.kind === "COUNCIL" ? { gssCode: data.gssCode } : { companiesHouseNumber: data.companiesHouseNumber };
  return deps.prisma.$transaction(async (tx) => {
    const existing = await tx.organisation.findUnique({ where: uniqueWhere, select: { id: true } });
    if (existing) {
      throw new ConflictError(
        data.kind === "COUNCIL"
          ? `${data.name} is already registered: ask its administrator to add you`
          : "A supplier with this Companies House number is already registered: ask its administrator to add you",
        "ORGANISATION_ALREADY_REGISTERED",
      );
    }
    const organisation = await tx.organisation.create({
      data: { ...data, memberships: { create: { userId: viewer.userId, role: "ADMIN" } } },
    });
    await recordAuditEvent(tx, {
      actorUserId: viewer.userId,
      organisationId: organisation.id,
      action: "organisation.registered",
      entityType: "Organisation",
      entityId: organisation.id,
      data: { kind: organisation.kind, name: organisation.name },
    });
    return organisation;
  });
}

function councilData(input: RegisterOrganisationInput) {
  const council = input.gssCode ? findCouncil(input.gssCode) : undefined;
  if (!council) throw ValidationError.field("gssCode", "Choose your council from the list");
  return {
    kind: "COUNCIL" as const,
    name: council.name,
    gssCode: council.gssCode,
    councilCode: council.code,
    itl1Code: council.itl1Code,
    regionsServed: [council.itl1Code],
  };
}

function supplierData(input: RegisterOrganisationInput) {
  const issues = [];
  if (!input.name) issues.push({ path: ["name"], message: "Enter your company's name" });
  const number = input.companiesHouseNumber ? normaliseCompaniesHouseNumber(input.companiesHouseNumber) : null;
  if (!number)
    issues.push({
      path: ["companiesHouseNumber"],
      message: "Enter a Companies House number in the correct format, like 01234567 or SC123456",
    });
  const regions = input.regionsServed ?? [];
  const unknown = regions.filter((r) => !isRegionCode(r));
  if (unknown.length) issues.push({ path: ["regionsServed"], message: `Unknown region: ${unknown.join(", ")}` });
  if (issues.length || !number || !input.name) throw new ValidationError(issues);
  return {
    kind: "SUPPLIER" as const,
    name: input.name,
    companiesHouseNumber: number,
    description: input.description || null,
    website: input.website || null,
    regionsServed: [...new Set(regions)],
  };
}
