import { describe, expect, it } from "vitest";
import { findJargon, loadJargon, measureReadability } from "./plain-english.ts";
import { loadProcurementRules } from "./procurement-rules.ts";
import { checkTenderReadiness, type ReadinessInput } from "./tender-readiness.ts";

const now = new Date("2027-01-04T09:00:00Z");
const days = (n: number) => new Date(now.getTime() + n * 24 * 60 * 60 * 1000);

const good: ReadinessInput = {
  title: "Website for booking bulky waste collections",
  description:
    "We want a simple website where people can book a bulky waste collection. They should be able to pick a date and pay online. It must work well on phones. We will give you our current price list.",
  procedure: "OPEN",
  cpvCodes: ["72212000"],
  valuePence: 30_000_000n,
  clarificationDeadline: days(20),
  submissionDeadline: days(30),
  lots: [{ title: "Whole service", valuePence: null }],
  criteria: [
    { kind: "PRICE", title: "Price", weight: 40 },
    { kind: "QUALITY", title: "How you will build it", weight: 60 },
  ],
};
const codes = (input: ReadinessInput) => checkTenderReadiness(input, now).checks.map((c) => `${c.severity}:${c.code}`);

describe("checkTenderReadiness", () => {
  it("passes a plain, complete tender with no findings", () => {
    const result = checkTenderReadiness(good, now);
    expect(result.checks).toEqual([]);
    expect(result.canPublish).toBe(true);
    expect(result.readability.fleschReadingEase).toBeGreaterThan(60);
  });

  it("refuses an open procedure above the threshold with fewer than 25 days to bid", () => {
    const result = checkTenderReadiness({ ...good, clarificationDeadline: days(10), submissionDeadline: days(24) }, now);
    expect(result.canPublish).toBe(false);
    expect(result.checks).toContainEqual({
      code: "SUBMISSION_PERIOD_TOO_SHORT",
      severity: "REFUSAL",
      path: ["submissionDeadline"],
      message: expect.stringContaining("at least 25 days"),
    });
    expect(result.minimumSubmissionDays).toBe(25);
  });

  it("allows exactly 25 days", () => {
    expect(codes({ ...good, clarificationDeadline: days(15), submissionDeadline: days(25) })).toEqual([]);
  });

  it("only warns about a short period below the threshold", () => {
    const small = {
      ...good,
      procedure: "BELOW_THRESHOLD",
      valuePence: 5_000_000n,
      clarificationDeadline: days(3),
      submissionDeadline: days(7),
    };
    expect(codes(small)).toEqual(["WARNING:SUBMISSION_PERIOD_SHORT"]);
  });

  it("refuses the below-threshold procedure above the threshold", () => {
    expect(codes({ ...good, procedure: "BELOW_THRESHOLD" })).toContain("REFUSAL:PROCEDURE_NOT_ALLOWED");
  });

  it("warns when a large value is not split into lots", () => {
    expect(codes({ ...good, valuePence: 120_000_000n })).toEqual(["WARNING:NOT_SPLIT_INTO_LOTS"]);
    expect(codes({ ...good, valuePence: 120_000_000n, lots: [good.lots[0]!, { title: "Support", valuePence: null }] })).toEqual(
      [],
    );
  });

  it("refuses weights that do not add up to 100 and warns about missing kinds of criteria", () => {
    expect(codes({ ...good, criteria: [{ kind: "QUALITY", title: "Q", weight: 50 }] })).toEqual([
      "REFUSAL:WEIGHTS_NOT_100",
      "WARNING:PRICE_CRITERION_MISSING",
    ]);
    expect(codes({ ...good, criteria: [{ kind: "PRICE", title: "Price", weight: 100 }] })).toEqual([
      "WARNING:QUALITY_CRITERION_MISSING",
    ]);
    expect(codes({ ...good, criteria: [] })).toEqual(["REFUSAL:CRITERIA_MISSING"]);
  });

  it("refuses missing essentials with the field each is about", () => {
    const result = checkTenderReadiness({ ...good, title: " ", description: "", cpvCodes: [], lots: [] }, now);
    expect(result.checks.filter((c) => c.severity === "REFUSAL").map((c) => c.path[0])).toEqual([
      "title",
      "description",
      "cpvCodes",
      "lots",
    ]);
  });

  it("refuses a clarification deadline on or after the submission deadline", () => {
    expect(codes({ ...good, clarificationDeadline: days(30) })).toContain("REFUSAL:CLARIFICATION_AFTER_SUBMISSION");
  });

  it("warns about hard text and names the jargon with plainer words", () => {
    const result = checkTenderReadiness(
      {
        ...good,
        description:
          "The contracting authority shall, notwithstanding the aforementioned considerations, utilise the most economically advantageous tender methodology pursuant to the procurement regulations, in order to facilitate the transformational mobilisation of end-to-end deliverables.",
      },
      now,
    );
    expect(result.checks.map((c) => c.code)).toEqual(["HARD_TO_READ", "JARGON"]);
    expect(result.readability.fleschReadingEase).toBeLessThan(30);
    expect(result.jargon.map((j) => j.term)).toEqual(
      expect.arrayContaining(["contracting authority", "shall", "notwithstanding", "utilise", "pursuant to", "in order to"]),
    );
    expect(result.jargon.find((j) => j.term === "utilise")?.alternatives).toContain("use");
  });
});

describe("plain English helpers", () => {
  it("keeps at least 40 jargon entries as data", () => {
    expect(loadJargon().length).toBeGreaterThanOrEqual(40);
  });
  it("matches whole words and phrases only, counting each", () => {
    expect(findJargon("Marshall shall deem it so. SHALL we?")).toEqual([
      { term: "shall", alternatives: ["must", "will"], count: 2 },
      { term: "deem", alternatives: ["consider", "treat as"], count: 1 },
    ]);
    expect(findJargon("the meat is fresh")).toEqual([]);
    expect(findJargon("We follow MEAT")).toHaveLength(1);
  });
  it("scores easy text higher than hard text", () => {
    expect(measureReadability("The cat sat on the mat. It was warm.").fleschReadingEase).toBeGreaterThan(90);
    expect(measureReadability("").band).toBe("No text");
  });
  it("loads the rules with their figures", () => {
    const rules = loadProcurementRules();
    expect(rules.submissionPeriods.find((r) => r.procedure === "OPEN" && r.aboveThreshold)?.minimumDays).toBe(25);
  });
});
