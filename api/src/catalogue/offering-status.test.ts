import { isObjectType, type GraphQLResolveInfo } from "graphql";
import { describe, expect, it } from "vitest";
import type { Viewer } from "../context.ts";
import { ForbiddenError } from "../errors.ts";
import { getSchema } from "../schema.ts";
import { offeringIsTypeOf } from "./offering-status.ts";

const supplierId = "supplier-1";
const offering = (publishedAt: Date | null, withdrawnAt: Date | null = null) => ({
  id: "offering-1",
  supplierId,
  title: "Secret draft",
  pricingUnit: "PER_DAY",
  publishedAt,
  withdrawnAt,
});
const listed = offering(new Date("2026-01-01T00:00:00Z"));
const draft = offering(null);
const withdrawn = offering(new Date("2026-01-01T00:00:00Z"), new Date("2026-02-01T00:00:00Z"));
const viewer = (memberOf: string[], isPlatformAdmin = false): Viewer => ({
  userId: "user-1",
  email: "someone@example.org",
  name: "Someone",
  isPlatformAdmin,
  memberships: memberOf.map((organisationId) => ({ organisationId, organisationKind: "SUPPLIER", role: "BIDDER" })),
});
const stranger = viewer(["another-supplier"]);
const member = viewer([supplierId]);

describe("offeringIsTypeOf (drafts stay with their supplier, once per offering)", () => {
  it("passes a listed offering for anyone, with or without a viewer or a context", () => {
    for (const v of [undefined, null, stranger, member]) expect(offeringIsTypeOf(listed, v)).toBe(true);
  });

  it("refuses a draft or withdrawn offering to strangers, signed out and with no context", () => {
    for (const o of [draft, withdrawn])
      for (const v of [undefined, null, stranger]) expect(() => offeringIsTypeOf(o, v)).toThrow(ForbiddenError);
  });

  it("passes a draft or withdrawn offering to its supplier's members and platform admins", () => {
    for (const o of [draft, withdrawn]) {
      expect(offeringIsTypeOf(o, member)).toBe(true);
      expect(offeringIsTypeOf(o, viewer([], true))).toBe(true);
    }
  });

  const notOfferings = [null, undefined, "offering-1", { id: "org-1", name: "Supplier" }, { supplierId, title: "Secret draft" }];

  it("refuses, without printing it, anything else where an Offering is expected", () => {
    for (const value of notOfferings) expect(() => offeringIsTypeOf(value, member)).toThrow(ForbiddenError);
  });

  it("answers false for values that are not offerings while an interface or union resolves a type", () => {
    for (const value of notOfferings) expect(offeringIsTypeOf(value, stranger, true)).toBe(false);
    expect(offeringIsTypeOf(listed, stranger, true)).toBe(true);
    expect(() => offeringIsTypeOf(draft, stranger, true)).toThrow(ForbiddenError);
  });

  it("is the schema's Offering check, as GraphQL executors call it (with and without the context)", () => {
    const type = getSchema().getType("Offering");
    if (!isObjectType(type) || !type.isTypeOf) throw new Error("Offering has no isTypeOf");
    const info = { returnType: type } as GraphQLResolveInfo;
    expect(type.isTypeOf(listed, undefined, info)).toBe(true);
    expect(type.isTypeOf(draft, { viewer: member }, info)).toBe(true);
    expect(() => type.isTypeOf!(draft, { viewer: stranger }, info)).toThrow(ForbiddenError);
    expect(() => type.isTypeOf!(draft, undefined, info)).toThrow(ForbiddenError);
    // graphql-jit passes the value alone.
    const isTypeOf = type.isTypeOf as (value: unknown) => boolean;
    expect(isTypeOf(listed)).toBe(true);
    expect(() => isTypeOf(draft)).toThrow(ForbiddenError);
    // The Node interface asking each of its types in turn.
    const node = { returnType: getSchema().getType("Node") } as GraphQLResolveInfo;
    expect(type.isTypeOf({ id: "org-1", name: "Supplier" }, { viewer: stranger }, node)).toBe(false);
  });
});
