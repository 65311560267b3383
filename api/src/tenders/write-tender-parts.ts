import { ValidationError } from "../errors.ts";
import type { Tx } from "../shared/transaction.ts";
import type { ParsedTenderInput } from "./tender-input.ts";

/**
 * Makes a tender's lots and criteria match the input: rows with an id are updated, new ones created,
 * missing ones deleted (their bid prices and answers go with them, which is why an amendment asks
 * bidders to re-confirm). Lots are numbered 1..n in input order.
 */
export async function writeTenderParts(tx: Tx, tenderId: string, input: ParsedTenderInput): Promise<void> {
  const [lots, criteria] = await Promise.all([
    tx.lot.findMany({ where: { tenderId }, select: { id: true } }),
    tx.criterion.findMany({ where: { tenderId }, select: { id: true } }),
  ]);
  const lotIds = new Set(lots.map((l) => l.id));
  const criterionIds = new Set(criteria.map((c) => c.id));
  const issues = [
    ...input.lots.flatMap((l, i) =>
      l.id && !lotIds.has(l.id) ? [{ path: ["lots", String(i), "id"], message: "That lot is not part of this tender" }] : [],
    ),
    ...input.criteria.flatMap((c, i) =>
      c.id && !criterionIds.has(c.id)
        ? [{ path: ["criteria", String(i), "id"], message: "That criterion is not part of this tender" }]
        : [],
    ),
  ];
  if (issues.length) throw new ValidationError(issues);

  const keepLots = new Set(input.lots.map((l) => l.id).filter((id): id is string => !!id));
  const keepCriteria = new Set(input.criteria.map((c) => c.id).filter((id): id is string => !!id));
  await tx.lot.deleteMany({ where: { tenderId, id: { notIn: [...keepLots] } } });
  await tx.criterion.deleteMany({ where: { tenderId, id: { notIn: [...keepCriteria] } } });
  // Park kept lots on negative numbers first so renumbering never collides with the unique (tender, number).
  if (keepLots.size) await tx.$executeRaw`UPDATE lot SET number = -number WHERE tender_id = ${tenderId}`;
  for (const [i, lot] of input.lots.entries()) {
    const data = { number: i + 1, title: lot.title, description: lot.description, valuePence: lot.valuePence ?? null };
    if (lot.id) await tx.lot.update({ where: { id: lot.id }, data });
    else await tx.lot.create({ data: { ...data, tenderId } });
  }
  for (const [i, criterion] of input.criteria.entries()) {
    const data = {
      kind: criterion.kind,
      title: criterion.title,
      description: criterion.description,
      weight: criterion.weight,
      position: i,
    };
    if (criterion.id) await tx.criterion.update({ where: { id: criterion.id }, data });
    else await tx.criterion.create({ data: { ...data, tenderId } });
  }
}

/** The scalar columns of a tender from the input. */
export function tenderColumns(input: ParsedTenderInput) {
  return {
    title: input.title,
    description: input.description,
    procedure: input.procedure,
    cpvCodes: input.cpvCodes,
    itl1Code: input.itl1Code ?? null,
    valuePence: input.valuePence ?? null,
    suitableForSme: input.suitableForSme,
    clarificationDeadline: input.clarificationDeadline,
    submissionDeadline: input.submissionDeadline,
  };
}
