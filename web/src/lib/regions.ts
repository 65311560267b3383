// How a list of ITL1 regions reads on a page.

const ALL_REGIONS = 12;

/** "London, Wales", or "All UK regions" when it is every one of them. */
export function regionsText(regions: readonly { name: string }[]): string {
  if (regions.length >= ALL_REGIONS) return "All UK regions";
  return regions.map((r) => r.name).join(", ");
}
