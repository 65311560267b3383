import { createHash } from "node:crypto";
import { STANDSTILL_WORKING_DAYS, workingDaysPeriodEnd } from "@ccm/api/awards/working-days";
import { scoreLot } from "@ccm/api/evaluation/evaluation-scores";
import { OCID_PREFIX } from "@ccm/api/tenders/create-tender";
import type { Prisma } from "@ccm/prisma";
import type { SeedStep } from "../step.ts";

// Tenders in every state of the life cycle (DESIGN.md section 3), so a newcomer sees a living
// marketplace: drafts, open tenders with questions and bids, one amended, closed, under evaluation,
// in standstill, awarded, cancelled and unsuccessful. Times are relative to the first seeding (the
// open tenders' deadlines are ahead of it) and never change on a rerun: each tender's id is derived
// from its slug, and an existing tender is left alone. No jobs are queued here (a rerun must change
// nothing): the worker's deadline recovery, at start and every minute, closes the open ones when their
// deadlines pass and ends the standstill when it is due.

type State =
  "DRAFT" | "PUBLISHED" | "AMENDED" | "CLOSED" | "EVALUATION" | "AWARD_PENDING" | "AWARDED" | "CANCELLED" | "UNSUCCESSFUL";

interface DemoTender {
  slug: string;
  council: string;
  state: State;
  title: string;
  description: string;
  cpv: string[];
  valuePence: bigint;
  lots: string[];
  /** Supplier slugs that bid, in order of price (cheapest first). */
  bidders: string[];
  sme?: boolean;
}

const DESCRIPTION = (what: string) =>
  `We want ${what}. Tell us how you would do it, who would do the work and what it would cost. We will pay monthly in arrears. Small and new suppliers are welcome to bid.`;

const DEMO_TENDERS: DemoTender[] = [
  { slug: "leeds-repairs-reporting", council: "leeds", state: "DRAFT", title: "Report a housing repair online", description: DESCRIPTION("a simple way for tenants to report a repair and follow it until it is fixed"), cpv: ["72212000"], valuePence: 18_000_000n, lots: ["Build and run the service"], bidders: [] },
  { slug: "camden-parking-permits", council: "camden", state: "PUBLISHED", title: "Parking permits service", description: DESCRIPTION("a service where residents apply for, pay for and renew parking permits"), cpv: ["72212000", "72413000"], valuePence: 45_000_000n, lots: ["Discovery and alpha", "Beta and live"], bidders: ["brightwater-digital", "kestrel-civic-labs"] },
  { slug: "manchester-open-data", council: "manchester", state: "PUBLISHED", title: "Open data publishing platform", description: DESCRIPTION("a platform to publish the council's open data with clear licences and regular updates"), cpv: ["72300000"], valuePence: 9_000_000n, lots: ["Platform"], bidders: ["ashgrove-data"] },
  { slug: "bradford-school-admissions", council: "bradford", state: "AMENDED", title: "School admissions appeals booking", description: DESCRIPTION("an online way for parents to lodge a school admissions appeal and book a hearing"), cpv: ["72212000"], valuePence: 25_000_000n, lots: ["Appeals service"], bidders: ["kestrel-civic-labs", "granite-public-systems"] },
  { slug: "salford-waste-routes", council: "salford", state: "CLOSED", title: "Waste collection route planning", description: DESCRIPTION("software that plans bin collection routes and shows missed collections"), cpv: ["48000000"], valuePence: 30_000_000n, lots: ["Route planning software"], bidders: ["granite-public-systems", "ashgrove-data"] },
  { slug: "islington-library-app", council: "islington", state: "EVALUATION", title: "Library app for borrowing and events", description: DESCRIPTION("an app where residents borrow e-books, renew loans and book library events"), cpv: ["72212000"], valuePence: 22_000_000n, lots: ["App"], bidders: ["brightwater-digital", "kestrel-civic-labs", "ashgrove-data"] },
  { slug: "hackney-council-tax", council: "hackney", state: "AWARD_PENDING", title: "Council tax account online", description: DESCRIPTION("an online council tax account where residents see bills, set up direct debits and tell us they have moved"), cpv: ["72212000"], valuePence: 40_000_000n, lots: ["Account service"], bidders: ["kestrel-civic-labs", "brightwater-digital"] },
  { slug: "newcastle-accessibility", council: "newcastle", state: "AWARDED", title: "Website accessibility audit and fixes", description: DESCRIPTION("an audit of our website against WCAG 2.2 AA and fixes for what fails"), cpv: ["72000000"], valuePence: 6_000_000n, lots: ["Audit", "Fixes"], bidders: ["ashgrove-data", "brightwater-digital"] },
  { slug: "nottingham-chatbot", council: "nottingham", state: "CANCELLED", title: "Resident enquiries assistant", description: DESCRIPTION("an assistant that answers common resident questions on our website"), cpv: ["72212000"], valuePence: 12_000_000n, lots: ["Assistant"], bidders: ["kestrel-civic-labs"] },
  { slug: "norfolk-gritting-sensors", council: "norfolk", state: "UNSUCCESSFUL", title: "Road surface temperature sensors", description: DESCRIPTION("sensors that report road surface temperatures so we grit the right roads"), cpv: ["38000000"], valuePence: 15_000_000n, lots: ["Sensors and data feed"], bidders: [], sme: false },
]; // prettier-ignore

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** A stable UUID-shaped id from a name, so a rerun finds what the first run made. */
function stableId(name: string): string {
  const h = createHash("sha256").update(name).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-7${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const tendersStep: SeedStep = {
  name: "tenders",
  title: "Tenders in every state, with bids, questions, scores and awards",
  async run({ prisma, refs, progress, created }) {
    const now = new Date();
    let made = 0;
    for (const [i, spec] of DEMO_TENDERS.entries()) {
      progress(i, DEMO_TENDERS.length);
      const id = stableId(`demo-tender:${spec.slug}`);
      if (await prisma.tender.findUnique({ where: { id }, select: { id: true } })) continue;
      await prisma.$transaction((tx) => seedTender(tx, spec, id, now, refs), { timeout: 30_000 });
      made += 1;
    }
    created("tenders", made);
    progress(DEMO_TENDERS.length, DEMO_TENDERS.length);
  },
};

type Refs = Parameters<SeedStep["run"]>[0]["refs"];

async function seedTender(tx: Prisma.TransactionClient, spec: DemoTender, id: string, now: Date, refs: Refs): Promise<void> {
  const council = refs.council(spec.council);
  const buyer = refs.member(spec.council, "BUYER");
  const evaluator = refs.member(spec.council, "EVALUATOR");
  const open = spec.state === "DRAFT" || spec.state === "PUBLISHED" || spec.state === "AMENDED";
  const at = (days: number) => new Date(now.getTime() + days * DAY);
  // Open tenders close 28-40 days ahead; the others closed 20 days ago (awarded ones 45 days ago).
  const deadline = open ? at(28 + (id.charCodeAt(0) % 12)) : spec.state === "AWARDED" ? at(-45) : at(-20);
  // Published at least 35 days before the deadline and a week ago at the latest: nothing lies in the future.
  const publishedAt = spec.state === "DRAFT" ? null : new Date(Math.min(deadline.getTime() - 35 * DAY, at(-7).getTime()));
  const closedAt = open || spec.state === "CANCELLED" ? null : new Date(deadline.getTime() + 60_000);
  const opened = spec.state === "EVALUATION" || spec.state === "AWARD_PENDING" || spec.state === "AWARDED";
  const version = spec.state === "AMENDED" ? 2 : 1;

  await tx.tender.create({
    data: {
      id,
      ocid: `${OCID_PREFIX}${id}`,
      buyerId: council.id,
      createdByUserId: buyer.id,
      title: spec.title,
      description: spec.description,
      procedure: spec.valuePence >= 21_490_400n ? "OPEN" : "BELOW_THRESHOLD",
      cpvCodes: spec.cpv,
      itl1Code: council.itl1Code,
      valuePence: spec.valuePence,
      suitableForSme: spec.sme ?? true,
      clarificationDeadline: new Date(deadline.getTime() - 10 * DAY),
      submissionDeadline: deadline,
      version,
      publishedAt,
      amendedAt: version > 1 ? at(-2) : null,
      closedAt,
      evaluationStartedAt: opened && closedAt ? new Date(closedAt.getTime() + DAY) : null,
      cancelledAt: spec.state === "CANCELLED" ? at(-3) : null,
      cancellationReason:
        spec.state === "CANCELLED" ? "We will buy this through a framework shared with neighbouring councils instead." : null,
      unsuccessfulAt: spec.state === "UNSUCCESSFUL" ? closedAt : null,
    },
  });
  const lots = await Promise.all(
    spec.lots.map((title, n) =>
      tx.lot.create({
        data: {
          id: stableId(`${id}:lot:${n}`),
          tenderId: id,
          number: n + 1,
          title,
          valuePence: spec.valuePence / BigInt(spec.lots.length),
        },
      }),
    ),
  );
  const criteria = await Promise.all(
    [
      { kind: "PRICE" as const, title: "Price", weight: 40 },
      { kind: "QUALITY" as const, title: "How you will meet residents' needs", weight: 35 },
      { kind: "QUALITY" as const, title: "Your team and how you will work with us", weight: 25 },
    ].map((c, n) => tx.criterion.create({ data: { id: stableId(`${id}:criterion:${n}`), tenderId: id, position: n, ...c } })),
  );

  if (publishedAt) {
    const asker = spec.bidders[0] ?? "brightwater-digital";
    await tx.clarificationQuestion.create({
      data: {
        tenderId: id,
        askedByOrganisationId: refs.supplier(asker).id,
        askedByUserId: refs.member(asker, "BIDDER").id,
        question: "Can the work be done remotely, with visits to the council when needed?",
        answer: "Yes. We expect a visit at the start and at each show and tell.",
        answeredByUserId: buyer.id,
        answeredAt: new Date(publishedAt.getTime() + 3 * DAY),
        createdAt: new Date(publishedAt.getTime() + 2 * DAY),
      },
    });
    if (open)
      await tx.tenderFollow.createMany({
        data: ["granite-public-systems", "ashgrove-data"].map((s) => ({ tenderId: id, organisationId: refs.supplier(s).id })),
        skipDuplicates: true,
      });
  }

  // Bids: submitted before the deadline (the first bidder of an amended tender has not re-confirmed yet).
  const bids: { id: string; supplierId: string; price: bigint }[] = [];
  for (const [n, slug] of spec.bidders.entries()) {
    const supplier = refs.supplier(slug);
    const price = ((spec.valuePence * BigInt(80 + n * 8)) / 100n / BigInt(spec.lots.length)) * 1n;
    const submitted = spec.state !== "PUBLISHED" || n === 0;
    const bid = await tx.bid.create({
      data: {
        id: stableId(`${id}:bid:${slug}`),
        tenderId: id,
        supplierId: supplier.id,
        createdByUserId: refs.member(slug, "BIDDER").id,
        // 10 days after publication, or (for a tender still open) 3 days ago, before its amendment.
        submittedAt:
          submitted && publishedAt
            ? new Date(Math.min(publishedAt.getTime() + (10 + n) * DAY, at(-3).getTime() + n * HOUR))
            : null,
        confirmedTenderVersion: submitted ? (spec.state === "AMENDED" && n === 0 ? 1 : version) : null,
        validatedAt: closedAt && spec.state !== "CANCELLED" ? closedAt : null,
        lots: { create: lots.map((l) => ({ lotId: l.id, pricePence: price })) },
        answers: {
          create: criteria
            .filter((c) => c.kind === "QUALITY")
            .map((c) => ({
              criterionId: c.id,
              answer: `${refs.supplier(slug).name}: our answer to "${c.title}", with examples from similar councils.`,
            })),
        },
      },
    });
    bids.push({ id: bid.id, supplierId: supplier.id, price });
  }

  // Evaluation: both evaluators declare no conflict and score every quality criterion (one criterion
  // still to do on the tender under evaluation).
  if (opened && closedAt) {
    for (const user of [buyer, evaluator])
      await tx.conflictDeclaration.create({
        data: { tenderId: id, userId: user.id, hasConflict: false, declaredAt: new Date(closedAt.getTime() + DAY) },
      });
    const quality = criteria.filter((c) => c.kind === "QUALITY");
    const scores = bids.flatMap((bid, b) =>
      [buyer, evaluator].flatMap((user, u) =>
        quality
          .filter((_c, q) => spec.state !== "EVALUATION" || q === 0)
          .map((c, q) => ({
            bidId: bid.id,
            criterionId: c.id,
            evaluatorUserId: user.id,
            score: Math.min(100, 50 + 25 * ((b + u + q) % 3)),
            comment: "Clear evidence from similar work; some gaps in the plan for support.",
            scoredAt: new Date(closedAt.getTime() + 2 * DAY),
          })),
      ),
    );
    await tx.score.createMany({ data: scores });

    if (spec.state === "AWARD_PENDING" || spec.state === "AWARDED") {
      const decidedAt = spec.state === "AWARD_PENDING" ? at(-2) : at(-30);
      const standstillEndsAt = workingDaysPeriodEnd(decidedAt, STANDSTILL_WORKING_DAYS);
      await tx.tender.update({
        where: { id },
        data: { awardPendingAt: decidedAt, awardedAt: spec.state === "AWARDED" ? standstillEndsAt : null },
      });
      for (const lot of lots) {
        const ranked = scoreLot(
          criteria,
          bids.map((b) => ({ bidId: b.id, pricePence: b.price, scores: scores.filter((s) => s.bidId === b.id) })),
        );
        const winner = bids.find((b) => b.id === ranked[0]!.bidId)!;
        const award = await tx.award.create({
          data: {
            id: stableId(`${id}:award:${lot.id}`),
            tenderId: id,
            lotId: lot.id,
            bidId: winner.id,
            decidedByUserId: buyer.id,
            decidedAt,
            standstillEndsAt,
            reasons: "The most advantageous bid: a strong plan for meeting residents' needs at a fair price.",
          },
        });
        if (spec.state === "AWARDED")
          await tx.contract.create({
            data: {
              awardId: award.id,
              tenderId: id,
              lotId: lot.id,
              supplierId: winner.supplierId,
              valuePence: winner.price,
              signedAt: standstillEndsAt,
            },
          });
      }
    }
  }
}
