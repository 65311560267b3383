import { describe, expect, it } from "vitest";
import { passesAlertSettings, type AlertSettings } from "./alert-settings.ts";

const tender = { cpvCodes: ["72212100"], itl1Code: "TLI", valuePence: 5_000_000n };
const none: AlertSettings = { cpvCodes: [], regions: [], minValuePence: null, maxValuePence: null };

describe("passesAlertSettings", () => {
  it("alerts on everything without settings or with empty ones", () => {
    expect(passesAlertSettings(null, tender)).toBe(true);
    expect(passesAlertSettings(none, tender)).toBe(true);
  });

  it("matches CPV codes at or below the chosen ones", () => {
    expect(passesAlertSettings({ ...none, cpvCodes: ["72000000"] }, tender)).toBe(true);
    expect(passesAlertSettings({ ...none, cpvCodes: ["72212100"] }, tender)).toBe(true);
    expect(passesAlertSettings({ ...none, cpvCodes: ["72212000", "48000000"] }, tender)).toBe(true);
    expect(passesAlertSettings({ ...none, cpvCodes: ["48000000"] }, tender)).toBe(false);
    expect(passesAlertSettings({ ...none, cpvCodes: ["72212110"] }, tender)).toBe(false);
  });

  it("matches the tender's region, and any region for a national tender", () => {
    expect(passesAlertSettings({ ...none, regions: ["TLI", "TLJ"] }, tender)).toBe(true);
    expect(passesAlertSettings({ ...none, regions: ["TLC"] }, tender)).toBe(false);
    expect(passesAlertSettings({ ...none, regions: ["TLC"] }, { ...tender, itl1Code: null })).toBe(true);
  });

  it("keeps to the value range, inclusive, when the tender states a value", () => {
    expect(passesAlertSettings({ ...none, minValuePence: 5_000_000n, maxValuePence: 5_000_000n }, tender)).toBe(true);
    expect(passesAlertSettings({ ...none, minValuePence: 5_000_001n }, tender)).toBe(false);
    expect(passesAlertSettings({ ...none, maxValuePence: 4_999_999n }, tender)).toBe(false);
    expect(passesAlertSettings({ ...none, minValuePence: 9n }, { ...tender, valuePence: null })).toBe(true);
  });
});
