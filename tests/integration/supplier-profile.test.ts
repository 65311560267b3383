import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  HIGH_GROWTH_SME,
  LARGE_STEADY,
  marker,
  publishedOffering,
  recordYears,
  search,
  supplierAdmin,
} from "../support/catalogue-fixtures.ts";
import { registerOrganisation, signUpUser, unregisteredCouncilGssCode } from "../support/fixtures.ts";
import { startTestApp, type TestApp } from "../support/harness.ts";
import { dbIdOf } from "../support/tender-fixtures.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const PROFILE = `query($id: ID!) { supplier(id: $id) {
  name description website supplierSize isSme isHighGrowth sizeReason growthReason accreditations
  regionsServed { code } capabilities { code8 } supplierYears { id year headcount turnoverPence balanceSheetPence }
  viewerCanEditProfile } }`;

const UPDATE = `mutation($input: UpdateSupplierProfileInput!) { updateSupplierProfile(input: $input) {
  __typename ... on UpdateSupplierProfileSuccess { data { description regionsServed { code } capabilities { code8 } accreditations website } }
  ... on ValidationError { issues { path message } } ... on Error { message code } } }`;

const RECORD = `mutation($input: RecordSupplierYearInput!) { recordSupplierYear(input: $input) {
  __typename ... on RecordSupplierYearSuccess { data { supplierSize isSme sizeReason } }
  ... on ValidationError { issues { path message } } ... on Error { message code } } }`;

const REMOVE = `mutation($id: ID!) { removeSupplierYear(input: { id: $id }) {
  __typename ... on RemoveSupplierYearSuccess { data { isHighGrowth growthReason } } ... on Error { message code } } }`;

describe("supplier size and growth from yearly figures", () => {
  it("shows a small, high-growth SME with the reasons in plain words", async () => {
    const { supplier, client } = await supplierAdmin(app.client());
    await recordYears(client, supplier.id, [
      { year: 2022, headcount: 12, turnoverPounds: 900_000 },
      { year: 2023, headcount: 18, turnoverPounds: 1_300_000 },
      { year: 2024, headcount: 25, turnoverPounds: 1_900_000 },
      { year: 2025, headcount: 31, turnoverPounds: 2_400_000 },
    ]);
    const profile = (await app.client().ok(PROFILE, { id: supplier.id })).supplier;
    expect(profile).toMatchObject({
      supplierSize: "SMALL",
      isSme: true,
      isHighGrowth: true,
      sizeReason: "Small SME: fewer than 50 staff (31 staff) and turnover £2.4m (at most £44m) in 2025",
      growthReason: "High-growth: headcount grew from 12 to 31 over 2022-2025: 37% a year",
    });
    expect(profile.supplierYears.map((y: { year: number }) => y.year)).toEqual([2025, 2024, 2023, 2022]);
    expect(profile.viewerCanEditProfile).toBe(false); // anonymous reader
  });

  it("corrects a year, removes one, and recomputes each time", async () => {
    const { supplier, client } = await supplierAdmin(app.client());
    await recordYears(client, supplier.id, HIGH_GROWTH_SME);
    // 300 staff: not an SME any more.
    const corrected = await client.ok(RECORD, {
      input: { organisationId: supplier.id, year: 2025, headcount: 300, turnoverPence: 100, balanceSheetPence: 100 },
    });
    expect(corrected.recordSupplierYear.data).toMatchObject({ supplierSize: "LARGE", isSme: false });
    const years = (await client.ok(PROFILE, { id: supplier.id })).supplier.supplierYears;
    expect(years).toHaveLength(2);
    const removed = await client.ok(REMOVE, { id: years.find((y: { year: number }) => y.year === 2022).id });
    expect(removed.removeSupplierYear.data).toEqual({
      isHighGrowth: false,
      growthReason: "Growth not judged: it needs figures for 2022 as well as 2025",
    });
  });

  it("refuses impossible figures field by field and changes nothing", async () => {
    const { supplier, client } = await supplierAdmin(app.client());
    const result = await client.ok(RECORD, {
      input: { organisationId: supplier.id, year: 1850, headcount: -1, turnoverPence: -5, balanceSheetPence: 0 },
    });
    expect(result.recordSupplierYear.__typename).toBe("ValidationError");
    expect(result.recordSupplierYear.issues.map((i: { path: string[] }) => i.path.join("."))).toEqual(
      expect.arrayContaining(["year", "headcount", "turnoverPence"]),
    );
    expect((await client.ok(PROFILE, { id: supplier.id })).supplier).toMatchObject({ supplierYears: [], supplierSize: null });
  });

  it("moves the supplier's offerings in and out of the SME filter when its figures change", async () => {
    const { supplier, client } = await supplierAdmin(app.client());
    const word = marker();
    await publishedOffering(client, supplier.id, { title: `${word} records service` });
    const smeOnly = async () => (await search(app.client(), { query: word, filter: { smeOnly: true } })).totalCount;
    expect(await smeOnly()).toBe(0); // no figures yet: not shown as an SME
    await recordYears(client, supplier.id, HIGH_GROWTH_SME);
    expect(await smeOnly()).toBe(1);
    expect((await search(app.client(), { query: word, filter: { highGrowthOnly: true } })).totalCount).toBe(1);
    await recordYears(client, supplier.id, LARGE_STEADY);
    expect(await smeOnly()).toBe(0);
  });
});

describe("the supplier profile", () => {
  it("keeps regions, CPV capabilities and accreditations tidy", async () => {
    const { supplier, client } = await supplierAdmin(app.client());
    const result = await client.ok(UPDATE, {
      input: {
        organisationId: supplier.id,
        description: "  We build accessible council services.  ",
        website: "https://example.org",
        regionsServed: ["tlk", "TLI", "TLI"],
        capabilityCpvCodes: ["72212000-4", "48000000"],
        accreditations: ["iso27001", "Cyber Essentials Plus", "ISO/IEC 27001", "Our own charter mark"],
      },
    });
    expect(result.updateSupplierProfile.data).toEqual({
      description: "We build accessible council services.",
      website: "https://example.org",
      regionsServed: [{ code: "TLI" }, { code: "TLK" }],
      capabilities: [{ code8: "72212000" }, { code8: "48000000" }],
      accreditations: ["ISO 27001", "Cyber Essentials Plus", "Our own charter mark"],
    });
  });

  it("gives field errors with the input's names and changes nothing", async () => {
    const { supplier, client } = await supplierAdmin(app.client());
    const result = await client.ok(UPDATE, {
      input: {
        organisationId: supplier.id,
        description: "Changed",
        website: "not a web address",
        regionsServed: ["TLI", "XX9"],
        capabilityCpvCodes: ["72212000", "12345678"],
      },
    });
    expect(result.updateSupplierProfile.__typename).toBe("ValidationError");
    expect(result.updateSupplierProfile.issues).toEqual(
      expect.arrayContaining([
        { path: ["website"], message: "Enter a web address starting with https://" },
        { path: ["regionsServed", "1"], message: "Choose a region from the list" },
        { path: ["capabilityCpvCodes", "1"], message: "12345678 is not a CPV code: use 8 digits, like 72212000" },
      ]),
    );
    expect((await client.ok(PROFILE, { id: supplier.id })).supplier.description).toBeNull();
  });

  it("lists the common accreditations for the form", async () => {
    const names = (await app.client().ok(`{ commonAccreditations { name } }`)).commonAccreditations.map(
      (a: { name: string }) => a.name,
    );
    expect(names).toEqual(expect.arrayContaining(["Cyber Essentials", "Cyber Essentials Plus", "ISO 27001", "ISO 9001"]));
  });
});

describe("who may change a supplier's profile (attacker's side)", () => {
  it("refuses another supplier's administrator, with the victim's ids, and changes nothing", async () => {
    const victim = await supplierAdmin(app.client());
    await recordYears(victim.client, victim.supplier.id, HIGH_GROWTH_SME);
    const yearId = (await victim.client.ok(PROFILE, { id: victim.supplier.id })).supplier.supplierYears[0].id;
    const attacker = await supplierAdmin(app.client());

    const update = await attacker.client.ok(UPDATE, { input: { organisationId: victim.supplier.id, description: "Hacked" } });
    const record = await attacker.client.ok(RECORD, {
      input: { organisationId: victim.supplier.id, year: 2025, headcount: 5000, turnoverPence: 1, balanceSheetPence: 1 },
    });
    const remove = await attacker.client.ok(REMOVE, { id: yearId });
    for (const result of [update.updateSupplierProfile, record.recordSupplierYear, remove.removeSupplierYear])
      expect(result).toMatchObject({ __typename: "ForbiddenError", code: "NOT_SUPPLIER_ADMIN" });

    const profile = (await app.client().ok(PROFILE, { id: victim.supplier.id })).supplier;
    expect(profile).toMatchObject({ description: null, supplierSize: "SMALL", isHighGrowth: true });
    expect(profile.supplierYears).toHaveLength(2);
  });

  it("refuses a BIDDER of the same supplier (figures are for its ADMINs) and anyone signed out", async () => {
    const { supplier } = await supplierAdmin(app.client());
    const bidderClient = app.client();
    const bidder = await signUpUser(bidderClient);
    await app.deps.prisma.membership.create({
      data: { userId: dbIdOf(bidder.id), organisationId: dbIdOf(supplier.id), role: "BIDDER" },
    });
    const asBidder = await bidderClient.ok(UPDATE, { input: { organisationId: supplier.id, description: "Mine" } });
    expect(asBidder.updateSupplierProfile.__typename).toBe("ForbiddenError");
    const signedOut = await app.client().ok(UPDATE, { input: { organisationId: supplier.id, description: "Mine" } });
    expect(signedOut.updateSupplierProfile.__typename).toBe("UnauthenticatedError");
    expect((await app.client().ok(PROFILE, { id: supplier.id })).supplier.description).toBeNull();
  });

  it("does not give a council a supplier profile", async () => {
    const client = app.client();
    await signUpUser(client);
    const council = await registerOrganisation(client, { kind: "COUNCIL", gssCode: await unregisteredCouncilGssCode(app.deps) });
    const result = await client.ok(UPDATE, { input: { organisationId: council.id, description: "A council" } });
    expect(result.updateSupplierProfile).toMatchObject({ __typename: "ConflictError", code: "NOT_A_SUPPLIER" });
  });
});
