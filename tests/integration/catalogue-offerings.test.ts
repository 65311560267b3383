import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  HIGH_GROWTH_SME,
  OFFERING_FIELDS,
  createOfferingRaw,
  marker,
  offeringInput,
  publish,
  publishedOffering,
  recordYears,
  search,
  supplierAdmin,
} from "../support/catalogue-fixtures.ts";
import { startTestApp, type TestApp } from "../support/harness.ts";
import { dbIdOf } from "../support/tender-fixtures.ts";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const OFFERING = `query($id: ID!) { offering(id: $id) { ${OFFERING_FIELDS} viewerCanManage } }`;
const NODE = `query($id: ID!) { node(id: $id) { id ... on Offering { title } } }`;
const UPDATE = `mutation($input: UpdateOfferingInput!) { updateOffering(input: $input) {
  __typename ... on UpdateOfferingSuccess { data { title status priceTiers { fromQuantity pricePence } frameworkLot { title } } }
  ... on ValidationError { issues { path message } } ... on Error { message code } } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawOffering(input: { id: $id }) { __typename
  ... on WithdrawOfferingSuccess { data { status } } ... on Error { message code } } }`;
const PUBLISH = `mutation($id: ID!) { publishOffering(input: { id: $id }) { __typename
  ... on PublishOfferingSuccess { data { status publishedAt } } ... on Error { message code } } }`;

describe("offerings from draft to the catalogue", () => {
  it("creates a draft only the supplier sees, publishes it for everyone, withdraws it and republishes it", async () => {
    const { supplier, client } = await supplierAdmin(app.client(), { regionsServed: ["TLI", "TLJ"] });
    await recordYears(client, supplier.id, HIGH_GROWTH_SME);
    const word = marker();
    const created = await createOfferingRaw(
      client,
      offeringInput(supplier.id, {
        title: `${word} accessibility audit`,
        cpvCodes: ["72212000", "79411000-8"],
        pricingUnit: "PER_USER_PER_MONTH",
        pricePence: 950,
        priceTiers: [
          { fromQuantity: 100, pricePence: 800 },
          { fromQuantity: 1000, pricePence: 650 },
        ],
        regions: ["TLJ", "TLI"],
      }),
    );
    expect(created.__typename).toBe("CreateOfferingSuccess");
    expect(created.data).toMatchObject({
      status: "DRAFT",
      publishedAt: null,
      priceText: "£9.50 per user per month",
      cpvCodes: [{ code8: "72212000" }, { code8: "79411000" }],
      regions: [{ code: "TLI" }, { code: "TLJ" }],
      priceTiers: [
        { fromQuantity: 100, pricePence: 800 },
        { fromQuantity: 1000, pricePence: 650 },
      ],
    });
    const id = created.data.id;

    const stranger = app.client();
    expect((await stranger.ok(OFFERING, { id })).offering).toBeNull();
    expect((await search(stranger, { query: word })).totalCount).toBe(0);
    expect((await client.ok(OFFERING, { id })).offering).toMatchObject({ status: "DRAFT", viewerCanManage: true });

    await publish(client, id);
    const shown = (await stranger.ok(OFFERING, { id })).offering;
    expect(shown).toMatchObject({
      status: "PUBLISHED",
      viewerCanManage: false,
      supplier: {
        supplierSize: "SMALL",
        isSme: true,
        isHighGrowth: true,
        growthReason: "High-growth: headcount grew from 12 to 31 over 2022-2025: 37% a year",
        regionsServed: [{ code: "TLI" }, { code: "TLJ" }],
      },
    });
    expect((await stranger.ok(NODE, { id })).node).toMatchObject({ id, title: `${word} accessibility audit` });
    expect((await search(stranger, { query: word })).edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([id]);

    const again = await client.ok(PUBLISH, { id });
    expect(again.publishOffering).toMatchObject({ __typename: "ConflictError", code: "OFFERING_ALREADY_PUBLISHED" });

    expect((await client.ok(WITHDRAW, { id })).withdrawOffering.data).toEqual({ status: "WITHDRAWN" });
    expect((await stranger.ok(OFFERING, { id })).offering).toBeNull();
    expect((await search(stranger, { query: word })).totalCount).toBe(0);
    expect((await client.ok(OFFERING, { id })).offering.status).toBe("WITHDRAWN");
    const withdrawAgain = await client.ok(WITHDRAW, { id });
    expect(withdrawAgain.withdrawOffering.code).toBe("OFFERING_NOT_PUBLISHED");

    expect((await client.ok(PUBLISH, { id })).publishOffering.data.status).toBe("PUBLISHED");
    expect((await search(stranger, { query: word })).totalCount).toBe(1);
  });

  it("changes a published offering in the catalogue at once", async () => {
    const { supplier, client } = await supplierAdmin(app.client());
    const before = marker();
    const after = marker();
    const id = await publishedOffering(client, supplier.id, { title: `${before} payroll software` });
    const result = await client.ok(UPDATE, { input: { id, title: `${after} payroll software`, priceTiers: [] } });
    expect(result.updateOffering.data).toMatchObject({ title: `${after} payroll software`, status: "PUBLISHED" });
    expect((await search(app.client(), { query: before })).totalCount).toBe(0);
    expect((await search(app.client(), { query: after })).totalCount).toBe(1);
  });

  it("refuses bad input with field errors named as in the input, and creates nothing", async () => {
    const { supplier, client } = await supplierAdmin(app.client());
    const title = marker();
    const result = await createOfferingRaw(
      client,
      offeringInput(supplier.id, {
        title: ` ${title.slice(0, 1)} `,
        summary: "Too short",
        cpvCodes: ["72212000", "99999999"],
        pricePence: -1,
        priceTiers: [
          { fromQuantity: 50, pricePence: 100 },
          { fromQuantity: 10, pricePence: 90 },
        ],
        regions: [],
      }),
    );
    expect(result.__typename).toBe("ValidationError");
    const byPath = Object.fromEntries(
      result.issues.map((i: { path: string[]; message: string }) => [i.path.join("."), i.message]),
    );
    expect(byPath).toMatchObject({
      title: "Enter a title of at least 3 characters",
      summary: "Enter a summary of at least 10 characters",
      "cpvCodes.1": "99999999 is not a CPV code: use 8 digits, like 72212000",
      pricePence: "The price cannot be negative",
      "priceTiers.1.fromQuantity": "Each tier must start above the one before",
      regions: "Choose at least one region",
    });
    const count = await app.deps.prisma.offering.count({ where: { supplierId: dbIdOf(supplier.id) } });
    expect(count).toBe(0);
  });

  it("lists an offering under a framework lot only with an agreement for it", async () => {
    const { supplier, client } = await supplierAdmin(app.client());
    const slug = `framework-${marker()}`;
    const framework = await app.deps.prisma.framework.create({
      data: { name: "Test Cloud Framework", slug, lots: { create: [{ number: 1, title: "Cloud software" }] } },
      include: { lots: true },
    });
    const lot = framework.lots[0]!;
    const lotId = Buffer.from(`FrameworkLot:${lot.id}`).toString("base64");
    const refused = await createOfferingRaw(client, offeringInput(supplier.id, { frameworkLotId: lotId }));
    expect(refused).toMatchObject({
      __typename: "ValidationError",
      issues: [{ path: ["frameworkLotId"], message: "Choose a framework lot your organisation has signed an agreement for" }],
    });
    const lots = `query($id: ID!) { supplier(id: $id) { frameworkLots { id title framework { slug } } } }`;
    expect((await app.client().ok(lots, { id: supplier.id })).supplier.frameworkLots).toEqual([]);
    await app.deps.prisma.frameworkAgreement.create({ data: { frameworkLotId: lot.id, supplierId: dbIdOf(supplier.id) } });
    // The lots it may choose from are the ones it has agreements for (anyone may read them).
    expect((await app.client().ok(lots, { id: supplier.id })).supplier.frameworkLots).toEqual([
      { id: lotId, title: "Cloud software", framework: { slug } },
    ]);
    const word = marker();
    const id = await publishedOffering(client, supplier.id, { title: `${word} listing`, frameworkLotId: lotId });
    const shown = (await app.client().ok(OFFERING, { id })).offering;
    expect(shown.frameworkLot).toMatchObject({ title: "Cloud software", framework: { slug } });
    const filtered = await search(app.client(), { query: word, filter: { frameworks: [slug] } });
    expect(filtered.totalCount).toBe(1);
    expect(filtered.facets.frameworks).toEqual([{ value: slug, label: "Test Cloud Framework", count: 1, selected: true }]);
  });
});

describe("who may change offerings (attacker's side)", () => {
  it("refuses another supplier's members on every mutation, with the victim's ids, and changes nothing", async () => {
    const victim = await supplierAdmin(app.client());
    const word = marker();
    const published = await publishedOffering(victim.client, victim.supplier.id, { title: `${word} victim offering` });
    const draft = await createOfferingRaw(victim.client, offeringInput(victim.supplier.id, { title: `${word} secret draft` }));
    const attacker = await supplierAdmin(app.client());

    const create = await createOfferingRaw(attacker.client, offeringInput(victim.supplier.id, { title: `${word} planted` }));
    expect(create).toMatchObject({ __typename: "ForbiddenError", code: "NOT_SUPPLIER_MEMBER" });
    const update = await attacker.client.ok(UPDATE, { input: { id: published, title: "Defaced" } });
    const withdraw = await attacker.client.ok(WITHDRAW, { id: published });
    const publishDraft = await attacker.client.ok(PUBLISH, { id: draft.data.id });
    for (const result of [update.updateOffering, withdraw.withdrawOffering, publishDraft.publishOffering])
      expect(result).toMatchObject({ __typename: "ForbiddenError", code: "NOT_SUPPLIER_MEMBER" });

    // The draft stays invisible to them by every path.
    expect((await attacker.client.ok(OFFERING, { id: draft.data.id })).offering).toBeNull();
    const node = await attacker.client.request(NODE, { id: draft.data.id });
    expect(node.data?.node ?? null).toBeNull();
    const viaSupplier = await attacker.client.ok(
      `query($id: ID!) { supplier(id: $id) { offerings(first: 10, includeUnpublished: true) { totalCount edges { node { title } } } } }`,
      { id: victim.supplier.id },
    );
    expect(viaSupplier.supplier.offerings.edges.map((e: { node: { title: string } }) => e.node.title)).toEqual([
      `${word} victim offering`,
    ]);

    const results = await search(app.client(), { query: word });
    expect(results.edges.map((e: { node: { title: string } }) => e.node.title)).toEqual([`${word} victim offering`]);
  });

  it("refuses signed-out people", async () => {
    const { supplier } = await supplierAdmin(app.client());
    const result = await createOfferingRaw(app.client(), offeringInput(supplier.id));
    expect(result.__typename).toBe("UnauthenticatedError");
  });
});
