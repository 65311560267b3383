// Membership roles as people read them. Councils have administrators, buyers and evaluators; suppliers have
// administrators and bidders (the API refuses any other pairing).

export type Role = "ADMIN" | "BUYER" | "EVALUATOR" | "BIDDER";
export type OrganisationKind = "COUNCIL" | "SUPPLIER";

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: "Administrator",
  BUYER: "Buyer",
  EVALUATOR: "Evaluator",
  BIDDER: "Bidder",
};

/** For sentences: "as an evaluator". */
export const ROLE_IN_SENTENCE: Record<Role, string> = {
  ADMIN: "an administrator",
  BUYER: "a buyer",
  EVALUATOR: "an evaluator",
  BIDDER: "a bidder",
};

const ROLE_HINTS: Record<Role, string> = {
  ADMIN: "Can do everything, including adding, changing and removing people",
  BUYER: "Drafts, publishes and awards tenders, answers questions and scores bids",
  EVALUATOR: "Declares any conflict of interest and scores bids on the council's tenders",
  BIDDER: "Writes and submits bids, asks questions and manages offerings",
};

const ROLES_BY_KIND: Record<OrganisationKind, readonly Role[]> = {
  COUNCIL: ["ADMIN", "BUYER", "EVALUATOR"],
  SUPPLIER: ["ADMIN", "BIDDER"],
};

/** The roles an organisation of this kind has, as radio choices. */
export function roleChoices(kind: OrganisationKind) {
  return ROLES_BY_KIND[kind].map((role) => ({ value: role, text: ROLE_LABELS[role], hint: ROLE_HINTS[role] }));
}

/** The role named by a form value, if this kind of organisation has it. */
export function roleFor(kind: OrganisationKind, value: string): Role | null {
  return ROLES_BY_KIND[kind].find((role) => role === value) ?? null;
}
