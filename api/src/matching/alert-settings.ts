import { isCpvDescendant } from "../cpv/cpv.ts";

/** A supplier's alert settings as stored (absent settings alert on everything). */
export interface AlertSettings {
  cpvCodes: readonly string[];
  regions: readonly string[];
  minValuePence: bigint | null;
  maxValuePence: bigint | null;
}

export interface AlertedTender {
  cpvCodes: readonly string[];
  itl1Code: string | null;
  valuePence: bigint | null;
}

/**
 * Whether a supplier wants to be told about a tender it matched. Each setting narrows only when filled:
 * CPV codes match a tender code at or below them in the hierarchy; regions match the tender's region
 * (a national tender matches any); the value range applies only when the tender states a value. Matches
 * outside the settings are still stored and shown among opportunities - they are just not notified.
 */
export function passesAlertSettings(settings: AlertSettings | null, tender: AlertedTender): boolean {
  if (!settings) return true;
  if (settings.cpvCodes.length && !tender.cpvCodes.some((code) => settings.cpvCodes.some((want) => isCpvDescendant(code, want))))
    return false;
  if (settings.regions.length && tender.itl1Code !== null && !settings.regions.includes(tender.itl1Code)) return false;
  if (tender.valuePence !== null) {
    if (settings.minValuePence !== null && tender.valuePence < settings.minValuePence) return false;
    if (settings.maxValuePence !== null && tender.valuePence > settings.maxValuePence) return false;
  }
  return true;
}
