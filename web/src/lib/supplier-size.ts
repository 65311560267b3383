// The words for a supplier's derived size (the API's SupplierSize enum).

export type SupplierSize = "MICRO" | "SMALL" | "MEDIUM" | "LARGE";

export const SUPPLIER_SIZE_LABELS: Record<SupplierSize, string> = {
  MICRO: "Micro business (SME)",
  SMALL: "Small business (SME)",
  MEDIUM: "Medium-sized business (SME)",
  LARGE: "Large business (not an SME)",
};

/** The size in words, or that it is not known until figures are recorded. */
export function sizeText(size: SupplierSize | null | undefined): string {
  return size ? SUPPLIER_SIZE_LABELS[size] : "Not known: no yearly figures recorded yet";
}

/** Whether it is high-growth, in words. */
export function growthText(isHighGrowth: boolean, hasFigures: boolean): string {
  if (isHighGrowth) return "High-growth";
  return hasFigures ? "Not high-growth" : "Not known: no yearly figures recorded yet";
}
