// What the fictional suppliers do, as real CPV 2008 codes (8 digits, no check digit). Mostly divisions
// 72 (IT services) and 48 (software packages), as a digital marketplace would hold, plus some business
// consultancy (79), training (80), health and social work (85) and environmental services (90).
// seeds/src/data/capabilities.test.ts checks every code against the CPV vocabulary.

export interface Specialism {
  key: string;
  /** How a supplier in this line of work describes itself (completes "We ..."). */
  pitch: string;
  cpvCodes: readonly string[];
}

export const SPECIALISMS: readonly Specialism[] = [
  {
    key: "digital-services",
    pitch: "design and build accessible online services that residents can use first time, from discovery to live running",
    cpvCodes: ["72413000", "72420000", "72230000", "72262000", "72221000", "72212783", "79415200"],
  },
  {
    key: "data-analytics",
    pitch: "join up council data and turn it into dashboards, forecasts and open data that officers trust",
    cpvCodes: ["72300000", "72310000", "72316000", "72322000", "72212482", "48482000", "72330000", "79330000"],
  },
  {
    key: "cyber-security",
    pitch: "protect council systems and residents' data with security testing, monitoring and incident response",
    cpvCodes: ["72212730", "48730000", "48732000", "72800000", "72810000", "72150000", "72254000"],
  },
  {
    key: "cloud-hosting",
    pitch: "move services off ageing servers and run them on secure, well-monitored cloud hosting",
    cpvCodes: ["72400000", "72415000", "72317000", "72500000", "72514000", "72611000", "48820000"],
  },
  {
    key: "case-management",
    pitch: "provide configurable case management, document and customer relationship software for council teams",
    cpvCodes: ["48311100", "48783000", "48445000", "48810000", "48219300", "72212100", "72263000", "48000000"],
  },
  {
    key: "finance-and-hr-software",
    pitch: "supply finance, payroll, procurement and HR software with the integrations councils already rely on",
    cpvCodes: ["48440000", "48450000", "48490000", "48170000", "72227000", "72263000", "72266000"],
  },
  {
    key: "support-and-maintenance",
    pitch: "keep line-of-business systems running with a UK-based helpdesk, maintenance and upgrades",
    cpvCodes: ["72253000", "72261000", "72267000", "72250000", "72611000", "72246000"],
  },
  {
    key: "mapping-and-sensors",
    pitch: "map assets and collect sensor data so teams can plan routes, repairs and environmental work",
    cpvCodes: ["48326100", "48614000", "72314000", "72313000", "48613000", "90730000", "90712000"],
  },
  {
    key: "research-and-consultancy",
    pitch: "run user research, service reviews and business cases that lead to decisions, not shelfware",
    cpvCodes: ["79411000", "79419000", "79315000", "79311000", "72220000", "72224000", "72222300"],
  },
  {
    key: "digital-skills-training",
    pitch: "train staff and residents in digital skills, in person and through e-learning",
    cpvCodes: ["80500000", "80533100", "80511000", "80420000", "48190000", "79632000"],
  },
  {
    key: "care-technology",
    pitch: "build technology for adult social care and community health teams, from referrals to care records",
    cpvCodes: ["85300000", "85312000", "85320000", "85323000", "48814000", "72212100"],
  },
  {
    key: "environmental-services",
    pitch: "help councils reach net zero with waste, environmental monitoring and carbon reporting services",
    cpvCodes: ["90700000", "90713000", "90714000", "90500000", "90511000", "72316000"],
  },
];

export function findSpecialism(key: string): Specialism {
  const specialism = SPECIALISMS.find((s) => s.key === key);
  if (!specialism) throw new Error(`unknown specialism ${key}`);
  return specialism;
}

// Spelled as the supplier profile form normalises them (api/data/accreditations.json), plus free-text ones.
export const ACCREDITATIONS = [
  "Cyber Essentials",
  "Cyber Essentials Plus",
  "ISO 27001",
  "ISO 9001",
  "ISO 14001",
  "ISO 22301",
  "WCAG 2.2 AA audited",
  "Accredited Living Wage Employer",
  "Certified B Corporation",
  "NHS Data Security and Protection Toolkit",
] as const;
