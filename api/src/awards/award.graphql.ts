import { builder } from "../builder.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import { idFrom } from "../shared/global-id.ts";
import { TenderStateError } from "../tenders/tender-status.ts";
import { awardTender } from "./award-tender.ts";

// Awards and contracts are public once made (the Procurement Act's contract award notice); the winning
// bid itself stays behind the Bid guard.

builder.prismaNode("Award", {
  id: { field: "id" },
  fields: (t) => ({
    tender: t.relation("tender"),
    lot: t.relation("lot"),
    supplier: t.prismaField({
      type: "Organisation",
      description: "The supplier the lot is to be awarded to.",
      resolve: async (query, award, _args, ctx) => {
        const bid = await ctx.deps.prisma.bid.findUniqueOrThrow({ where: { id: award.bidId }, select: { supplierId: true } });
        return ctx.deps.prisma.organisation.findUniqueOrThrow({ ...query, where: { id: bid.supplierId } });
      },
    }),
    decidedAt: t.expose("decidedAt", { type: "DateTime" }),
    standstillEndsAt: t.expose("standstillEndsAt", {
      type: "DateTime",
      description: "End of the 8-working-day standstill (England and Wales bank holidays), when the contract is made.",
    }),
    reasons: t.exposeString("reasons"),
    contract: t.relation("contract", { nullable: true }),
  }),
});

builder.prismaNode("Contract", {
  id: { field: "id" },
  fields: (t) => ({
    tender: t.relation("tender"),
    lot: t.relation("lot"),
    supplier: t.relation("supplier"),
    award: t.relation("award"),
    valuePence: t.expose("valuePence", { type: "Pence" }),
    signedAt: t.expose("signedAt", { type: "DateTime" }),
  }),
});

builder.mutationField("awardTender", (t) =>
  t.prismaField({
    type: "Award",
    description:
      "Award one lot to its most advantageous valid bid (rank 1, all bids fully scored). Starts the standstill; every bidder on the lot gets its feedback.",
    authScopes: { signedIn: true },
    args: {
      tenderId: t.arg.id({ required: true }),
      lotId: t.arg.id({ required: true }),
      bidId: t.arg.id({ required: true }),
      reasons: t.arg.string({
        required: true,
        description: "Why this bid is the most advantageous: every bidder on the lot reads it.",
      }),
    },
    errors: { types: [NotFoundError, TenderStateError, ConflictError] },
    resolve: async (query, _root, args, ctx) => {
      const award = await awardTender(ctx.deps, ctx.viewer, {
        tenderId: idFrom(args.tenderId, "Tender", "The tender"),
        lotId: idFrom(args.lotId, "Lot", "That lot"),
        bidId: idFrom(args.bidId, "Bid", "That bid"),
        reasons: args.reasons,
      });
      return ctx.deps.prisma.award.findUniqueOrThrow({ ...query, where: { id: award.id } });
    },
  }),
);
