// The alert settings form's fields as people type them (codes a line each) and as the API takes them.

export interface AlertFormValues {
  cpvCodes: string;
  regions: string[];
  minValue: string;
  maxValue: string;
  emailDigest: string;
}

/** The form's field for each field of the API's input, so its issues show beside the right field. */
export const FIELD_OF_INPUT: Record<string, string> = {
  cpvCodes: "cpvCodes",
  regions: "regions",
  minValuePence: "minValue",
  maxValuePence: "maxValue",
  emailDigest: "emailDigest",
};

/** CPV codes typed a line each (or separated by commas or spaces), with any check digit ("-3") left on for the API. */
export function parseCodes(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((code) => code.trim())
    .filter(Boolean);
}
