import { z } from "zod";

export const saveBidSchema = z.object({
  tenderId: z.string(),
  supplierId: z.string().nullish(),
  lots: z
    .array(
      z.object({
        lotId: z.string(),
        pricePence: z.bigint().positive("Enter a price above zero"),
      }),
    )
    .max(50),
  answers: z
    .array(
      z.object({
        criterionId: z.string(),
        answer: z.string().trim().max(20000, "Answers must be 20,000 characters or fewer"),
      }),
    )
    .max(30)
    .default([]),
});
export type SaveBidInput = z.input<typeof saveBidSchema>;
