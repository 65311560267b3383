import { CONSORTIA, planCouncils, type CouncilPlan, type ConsortiumPlan } from "./data/councils.ts";
import { planSuppliers, type SupplierPlan } from "./data/suppliers.ts";
import { planUsers, type UserPlan } from "./data/users.ts";

/** Everything the core steps write, computed without the database: the same on every run. */
export interface DemoPlan {
  councils: CouncilPlan[];
  consortia: readonly ConsortiumPlan[];
  suppliers: SupplierPlan[];
  users: UserPlan[];
}

let plan: DemoPlan | undefined;

export function demoPlan(): DemoPlan {
  if (!plan) {
    const councils = planCouncils();
    const suppliers = planSuppliers();
    plan = { councils, consortia: CONSORTIA, suppliers, users: planUsers(councils, suppliers) };
  }
  return plan;
}
