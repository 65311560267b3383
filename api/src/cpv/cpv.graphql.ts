import { builder } from "../builder.ts";
import { findCpvCode, searchCpvCodes, type CpvCode } from "./cpv.ts";

export const CpvCodeRef = builder.objectRef<CpvCode>("CpvCode");

CpvCodeRef.implement({
  description: "A code from the Common Procurement Vocabulary (CPV 2008).",
  fields: (t) => ({
    code: t.exposeString("code", { description: "With check digit, e.g. 72212218-0." }),
    code8: t.exposeString("code8", { description: "Eight digits without the check digit, as used in inputs." }),
    label: t.exposeString("label"),
    level: t.exposeString("level", { description: "division, group, class, category or subcategory" }),
    parent: t.field({ type: CpvCodeRef, nullable: true, resolve: (c) => (c.parent8 ? (findCpvCode(c.parent8) ?? null) : null) }),
  }),
});

builder.queryField("cpvCodes", (t) =>
  t.field({
    type: [CpvCodeRef],
    description: 'Find CPV codes by code prefix ("7221") or words ("software development").',
    args: { search: t.arg.string({ required: true }), limit: t.arg.int({ required: false }) },
    resolve: (_root, { search, limit }) => searchCpvCodes(search, Math.min(Math.max(limit ?? 20, 1), 100)),
  }),
);
