import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";

/** One real UK local authority from the mySociety register (api/data/councils.csv). */
export interface CouncilRecord {
  code: string;
  gssCode: string;
  name: string;
  niceName: string;
  nation: string;
  region: string;
  type: string;
  itl1Code: string;
}

export interface Itl1Region {
  code: string;
  name: string;
  nation: string;
}

const dataDir = join(dirname(fileURLToPath(import.meta.url)), "../../data");
let councils: CouncilRecord[] | undefined;
let regions: Itl1Region[] | undefined;

/** All 397 current councils, sorted by name. Loaded once. */
export function listCouncils(): CouncilRecord[] {
  councils ??= (parse(readFileSync(join(dataDir, "councils.csv")), { columns: true }) as Record<string, string>[])
    .map((r) => ({
      code: r["local-authority-code"] ?? "",
      gssCode: r["gss-code"] ?? "",
      name: r["official-name"] ?? "",
      niceName: r["nice-name"] ?? "",
      nation: r.nation ?? "",
      region: r.region ?? "",
      type: r["local-authority-type-name"] ?? "",
      itl1Code: r.itl1_code ?? "",
    }))
    .filter((c) => c.gssCode && c.itl1Code)
    .sort((a, b) => a.niceName.localeCompare(b.niceName));
  return councils;
}

export function findCouncil(gssCode: string): CouncilRecord | undefined {
  return listCouncils().find((c) => c.gssCode === gssCode);
}

/** The 12 ITL1 regions (England's nine, Wales, Scotland, Northern Ireland). */
export function listRegions(): Itl1Region[] {
  regions ??= (parse(readFileSync(join(dataDir, "itl1-regions.csv")), { columns: true }) as Record<string, string>[]).map(
    (r) => ({
      code: r.itl1_code ?? "",
      name: r.itl1_name ?? "",
      nation: r.nation ?? "",
    }),
  );
  return regions;
}

export function isRegionCode(code: string): boolean {
  return listRegions().some((r) => r.code === code);
}
