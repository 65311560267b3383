import { findCouncil, type CouncilRecord } from "@ccm/api/organisations/councils";

// Real councils from the public register (api/data/councils.csv), at least one in each of the 12 ITL1
// regions, chosen so that neighbours can form consortia. `slug` names their demo users' email addresses.
const COUNCILS = [
  { slug: "leeds", gssCode: "E08000035" },
  { slug: "bradford", gssCode: "E08000032" },
  { slug: "manchester", gssCode: "E08000003" },
  { slug: "salford", gssCode: "E08000006" },
  { slug: "camden", gssCode: "E09000007" },
  { slug: "islington", gssCode: "E09000019" },
  { slug: "hackney", gssCode: "E09000012" },
  { slug: "newcastle", gssCode: "E08000021" },
  { slug: "nottingham", gssCode: "E06000018" },
  { slug: "birmingham", gssCode: "E08000025" },
  { slug: "norfolk", gssCode: "E10000020" },
  { slug: "brighton-and-hove", gssCode: "E06000043" },
  { slug: "bristol", gssCode: "E06000023" },
  { slug: "cardiff", gssCode: "W06000015" },
  { slug: "edinburgh", gssCode: "S12000036" },
  { slug: "belfast", gssCode: "N09000003" },
] as const;

export type CouncilSlug = (typeof COUNCILS)[number]["slug"];

export interface CouncilPlan extends CouncilRecord {
  slug: CouncilSlug;
}

/** The seeded councils with their register details (name, GSS code, ITL1 region). */
export function planCouncils(): CouncilPlan[] {
  return COUNCILS.map(({ slug, gssCode }) => {
    const council = findCouncil(gssCode);
    if (!council) throw new Error(`council ${gssCode} (${slug}) is not in api/data/councils.csv`);
    return { ...council, slug };
  });
}

export interface ConsortiumPlan {
  name: string;
  lead: CouncilSlug;
  /** The other member councils; the lead is a member too. */
  members: CouncilSlug[];
}

// Fictional partnerships between real neighbouring councils (and one of big cities across nations).
export const CONSORTIA: readonly ConsortiumPlan[] = [
  { name: "West Yorkshire Digital Partnership", lead: "leeds", members: ["bradford"] },
  { name: "Greater Manchester Shared Digital", lead: "manchester", members: ["salford"] },
  { name: "North London Digital Collaborative", lead: "camden", members: ["islington", "hackney"] },
  {
    name: "Core Cities Digital Buying Group",
    lead: "bristol",
    members: ["birmingham", "newcastle", "nottingham", "cardiff", "edinburgh"],
  },
];
