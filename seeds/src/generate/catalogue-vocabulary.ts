// Words the catalogue generator writes offerings with. The service types come from the real CPV 2008
// vocabulary (api/data/cpv-2008.csv); these lists give them the context a council buyer would search by.

/** CPV areas a digital marketplace holds, by significant prefix, with how common each is. */
export const CPV_AREAS: readonly (readonly [string, number])[] = [
  ["72", 34], // IT services
  ["48", 30], // software packages and information systems
  ["794", 5], // business and management consultancy
  ["793", 2], // market and economic research
  ["7934", 2], // advertising and marketing
  ["805", 4], // training
  ["804", 1], // adult and other education
  ["642", 4], // telecommunications
  ["302", 4], // computer equipment
  ["324", 3], // networks
  ["853", 2], // social work
  ["907", 2], // environmental services
  ["73", 3], // research and development
];

/** Council service areas: what offerings are for, and what buyers type. */
export const COUNCIL_DOMAINS = [
  "housing repairs",
  "housing allocations",
  "homelessness",
  "council tax",
  "business rates",
  "housing benefit",
  "parking permits",
  "parking enforcement",
  "waste collection",
  "recycling",
  "bulky waste",
  "planning applications",
  "building control",
  "licensing",
  "libraries",
  "leisure centres",
  "adult social care",
  "children's services",
  "school admissions",
  "school transport",
  "highways maintenance",
  "street lighting",
  "potholes",
  "environmental health",
  "food safety inspections",
  "pest control",
  "elections",
  "registrars",
  "cemeteries and crematoria",
  "public health",
  "trading standards",
  "customer services",
  "contact centres",
  "payroll",
  "procurement",
  "accounts payable",
  "debt recovery",
  "asset management",
  "emergency planning",
  "flood risk",
  "tree management",
  "parks and open spaces",
  "community safety",
  "CCTV",
  "grants management",
  "freedom of information requests",
  "complaints handling",
  "member enquiries",
  "land charges",
  "electoral registration",
] as const;

export const AUDIENCES = [
  "district councils",
  "county councils",
  "unitary authorities",
  "London boroughs",
  "metropolitan councils",
  "parish and town councils",
  "combined authorities",
  "councils of every size",
  "local government",
  "shared services partnerships",
] as const;

export const SOFTWARE_NOUNS = [
  "case management system",
  "booking system",
  "self-service portal",
  "platform",
  "mobile app",
  "dashboard",
  "scheduling system",
  "payments platform",
  "records system",
  "reporting tool",
  "workflow system",
  "CRM",
  "online forms",
  "chatbot",
  "data hub",
] as const;

export const SERVICE_ADJECTIVES = [
  "Agile",
  "Accessible",
  "User-centred",
  "Managed",
  "Specialist",
  "Independent",
  "Fixed-price",
  "Open-source",
  "Cloud-first",
  "Secure",
] as const;

export const BRAND_HEADS = [
  "Civ",
  "Ledg",
  "Park",
  "Hous",
  "Nimb",
  "Brid",
  "Cob",
  "Quill",
  "Tand",
  "Vell",
  "Orb",
  "Lum",
  "Stra",
  "Kest",
  "Ald",
  "Rowan",
  "Fern",
  "Mer",
  "Bram",
  "Wick",
  "Tor",
  "Fal",
  "Har",
  "Lin",
  "Mos",
  "Pell",
  "Sol",
  "Tal",
  "Ver",
  "Wyn",
  "Ash",
  "Birch",
  "Clo",
  "Dal",
  "Elm",
  "Gla",
  "Hol",
  "Ivy",
  "Jun",
  "Lark",
  "Mar",
  "Nor",
  "Oak",
  "Pax",
] as const;

export const BRAND_TAILS = [
  "ico",
  "ly",
  "wise",
  "io",
  "ra",
  "ware",
  "desk",
  "flow",
  "hub",
  "loop",
  "base",
  "mark",
  "path",
  "nest",
  "view",
  "ster",
  "ova",
  "ant",
  "line",
  "works",
  "ify",
  "tica",
  "lane",
  "gate",
  "well",
  "field",
  "stone",
  "bridge",
] as const;

export const SUPPLIER_NOUNS = [
  "Digital",
  "Data",
  "Systems",
  "Labs",
  "Software",
  "Technology",
  "Consulting",
  "Analytics",
  "Cloud",
  "Studio",
  "Solutions",
  "Networks",
  "Services",
  "Partners",
  "Interactive",
] as const;

export const SUPPLIER_SUFFIXES = ["Ltd", "Ltd", "Ltd", "Limited", "LLP", "CIC"] as const;

export const SUPPLIER_PITCHES = [
  "design and build accessible online services that residents can use first time",
  "join up council data and turn it into dashboards and forecasts officers trust",
  "protect council systems and residents' data with testing, monitoring and incident response",
  "move services off ageing servers onto secure, well-monitored cloud hosting",
  "provide configurable case management and customer relationship software for council teams",
  "supply finance, payroll and HR software with the integrations councils rely on",
  "keep line-of-business systems running with a UK-based helpdesk and upgrades",
  "map assets and collect sensor data so teams can plan routes and repairs",
  "run user research and service reviews that lead to decisions",
  "train staff and residents in digital skills, in person and online",
  "build technology for adult social care and community health teams",
  "help councils reach net zero with environmental monitoring and carbon reporting",
] as const;

export const BENEFIT_PHRASES = [
  "cut processing time and free officers for casework",
  "let residents self-serve at any hour",
  "reduce failure demand and repeat calls",
  "replace paper forms and spreadsheets",
  "give managers live figures instead of monthly reports",
  "meet statutory deadlines with room to spare",
  "lower running costs without a long contract",
  "bring several legacy systems into one place",
  "make services accessible to everyone",
  "keep residents informed at every step",
] as const;

export const DELIVERY_SENTENCES = [
  "Hosted in UK data centres with 99.9% availability and daily backups.",
  "Runs on a UK public cloud region, with data kept in the UK.",
  "Delivered by a multidisciplinary team of designers, developers and researchers.",
  "Onboarding usually takes four to six weeks, with training for your staff included.",
  "UK-based support from 8am to 6pm, with a four-hour response for urgent issues.",
  "Meets WCAG 2.2 AA and is tested with assistive technology users.",
  "Follows the Technology Code of Practice and the GOV.UK Service Standard.",
  "Sends notifications through GOV.UK Notify and takes payments through GOV.UK Pay.",
  "Open APIs with published documentation let you connect your existing systems.",
  "No lock-in: export all your data in open formats at any time.",
  "Priced monthly, with no setup fee and a 30-day notice period.",
  "Security tested annually by an independent CHECK-approved provider.",
  "Works with Microsoft 365 and Google Workspace single sign-on.",
  "Includes discovery, alpha and beta phases, with a show and tell every fortnight.",
] as const;

export const FEATURES = [
  "Single sign-on with your existing accounts",
  "Open API with published documentation",
  "Role-based access control",
  "Audit trail of every change",
  "Works on mobile, tablet and desktop",
  "Data export to CSV and open formats",
  "Automated hourly backups",
  "Accessible to WCAG 2.2 AA",
  "Configurable forms and workflows without code",
  "Email and text message notifications",
  "Dashboards and scheduled reports",
  "Integration with finance and GIS systems",
  "Bulk import of existing records",
  "Multi-factor authentication",
  "Document templates and letters",
  "Online payments",
  "Appointment booking",
  "Offline mode for field staff",
  "Welsh language interface",
  "Sandbox environment for testing",
] as const;

export const BENEFITS = [
  "Fewer calls to the contact centre",
  "Faster decisions for residents",
  "Less time spent on manual data entry",
  "Clear view of performance across teams",
  "Lower total cost of ownership",
  "Quick to set up, with no hardware to buy",
  "Meets accessibility regulations",
  "Keeps residents' data secure in the UK",
  "Reduces paper and postage costs",
  "Supports flexible and remote working",
  "Helps meet net zero targets",
  "Improves data quality for reporting",
] as const;

/** ITL1 neighbours, so a supplier serves the regions around its home. */
export const REGION_NEIGHBOURS: Readonly<Record<string, readonly string[]>> = {
  TLC: ["TLD", "TLE", "TLM"],
  TLD: ["TLC", "TLE", "TLG", "TLL"],
  TLE: ["TLC", "TLD", "TLF"],
  TLF: ["TLE", "TLG", "TLH", "TLJ"],
  TLG: ["TLD", "TLF", "TLK", "TLL"],
  TLH: ["TLF", "TLI", "TLJ"],
  TLI: ["TLH", "TLJ"],
  TLJ: ["TLH", "TLI", "TLK", "TLF"],
  TLK: ["TLJ", "TLG", "TLL"],
  TLL: ["TLD", "TLG", "TLK"],
  TLM: ["TLC", "TLN"],
  TLN: ["TLM"],
};

/** Frameworks (after the GOV.UK Digital Marketplace's) and which CPV areas each lot lists. */
export interface FrameworkPlan {
  slug: string;
  name: string;
  description: string;
  lots: readonly { number: number; title: string; prefixes: readonly string[] }[];
}

export const CATALOGUE_FRAMEWORKS: readonly FrameworkPlan[] = [
  {
    slug: "g-cloud-12",
    name: "G-Cloud 12",
    description: "Cloud hosting, software and support, bought from a catalogue (after the Crown Commercial Service framework).",
    lots: [
      { number: 1, title: "Cloud hosting", prefixes: ["724", "725", "7231", "7232"] },
      { number: 2, title: "Cloud software", prefixes: ["48"] },
      { number: 3, title: "Cloud support", prefixes: ["7225", "7226", "7261", "805", "7222"] },
    ],
  },
  {
    slug: "digital-outcomes-and-specialists-5",
    name: "Digital Outcomes and Specialists 5",
    description: "Teams and people to research, design, build and run digital services.",
    lots: [
      { number: 1, title: "Digital outcomes", prefixes: ["722", "7241", "794", "7931"] },
      { number: 2, title: "Digital specialists", prefixes: ["7222", "7224", "7226"] },
    ],
  },
];

/** G-Cloud 12 service categories by lot (from ../shared/data/digital-marketplace, MIT, Crown Copyright). */
export const GCLOUD_CATEGORIES = {
  hosting: [
    "Archiving, backup and disaster recovery",
    "Compute and application hosting",
    "Container service",
    "Content delivery network",
    "Data warehousing",
    "NoSQL database",
    "Relational database",
    "Other database services",
    "Distributed denial of service attack (DDOS) protection",
    "Firewall",
    "Infrastructure and platform security",
    "Intrusion detection",
    "Load balancing",
    "Logging and analysis",
    "Message queuing and processing",
    "Networking (including network as a service)",
    "Platform as a service (PaaS)",
    "Protective monitoring",
    "Search",
    "Block storage",
    "Object storage",
    "Other storage services",
  ],
  software: [
    "Accounting and finance",
    "Analytics and business intelligence",
    "Application security",
    "Collaborative working",
    "Creative, design and publishing",
    "Customer relationship management (CRM)",
    "Electronic document and records management (EDRM)",
    "Healthcare",
    "Human resources and employee management",
    "Information and communications technology (ICT)",
    "Legal and enforcement",
    "Marketing",
    "Operations management",
    "Project management and planning",
    "Sales",
    "Schools, education and libraries",
    "Software development tools",
    "Transport and logistics",
  ],
  support: [
    "Planning",
    "Setup and migration",
    "Quality assurance and performance testing",
    "Security services",
    "Training",
    "Ongoing support",
  ],
} as const;
