// The commerce platform Bellwether watches out of the box: where it is hosted,
// its products, their components with a tier, and where each one runs.
// The seed writes this; tests and the simulator read it.
import type { CloudProvider, Tier } from "../generated/prisma/enums.ts";

export interface RegionSpec {
  key: string;
  name: string;
  provider: CloudProvider;
  location: string;
}

export interface ComponentSpec {
  key: string;
  name: string;
  description: string;
  tier: Tier;
  /** Region keys where the component runs. */
  regions: readonly string[];
}

export interface ProductSpec {
  key: string;
  name: string;
  description: string;
  components: readonly ComponentSpec[];
}

export const REGIONS: readonly RegionSpec[] = [
  { key: "europe-west1.gcp", name: "Europe (Belgium) – GCP", provider: "gcp", location: "Belgium" },
  { key: "us-central1.gcp", name: "North America (Iowa) – GCP", provider: "gcp", location: "Iowa, USA" },
  { key: "australia-southeast1.gcp", name: "Australia (Sydney) – GCP", provider: "gcp", location: "Sydney" },
  { key: "eu-central-1.aws", name: "Europe (Frankfurt) – AWS", provider: "aws", location: "Frankfurt" },
  { key: "us-east-2.aws", name: "North America (Ohio) – AWS", provider: "aws", location: "Ohio, USA" },
];

const ALL = REGIONS.map((r) => r.key);
const GCP = REGIONS.filter((r) => r.provider === "gcp").map((r) => r.key);
const NOT_AUSTRALIA = ALL.filter((key) => key !== "australia-southeast1.gcp");

export const PRODUCTS: readonly ProductSpec[] = [
  {
    key: "composable-commerce",
    name: "Composable Commerce",
    description: "The commerce APIs and the tools merchants run their business with.",
    components: [
      {
        key: "authentication",
        name: "Authentication",
        description: "OAuth token issuing and API client authentication.",
        tier: "TIER_1",
        regions: ALL,
      },
      {
        key: "carts-orders-api",
        name: "Carts & Orders API",
        description: "Creating carts, placing and managing orders.",
        tier: "TIER_1",
        regions: ALL,
      },
      {
        key: "products-api",
        name: "Products API",
        description: "Product catalog reads and writes, prices and inventory.",
        tier: "TIER_1",
        regions: ALL,
      },
      {
        key: "search",
        name: "Search",
        description: "Product search, facets and suggestions.",
        tier: "TIER_1",
        regions: ALL,
      },
      {
        key: "subscriptions-messages",
        name: "Subscriptions & Messages",
        description: "Change events delivered to queues and webhooks.",
        tier: "TIER_1",
        regions: ALL,
      },
      {
        key: "audit-log",
        name: "Audit Log",
        description: "The record of who changed what in a project.",
        tier: "TIER_2",
        regions: ALL,
      },
      {
        key: "import-export",
        name: "Import & Export",
        description: "Bulk import and export of catalog and order data.",
        tier: "TIER_2",
        regions: ALL,
      },
      {
        key: "merchant-center",
        name: "Merchant Center",
        description: "The admin interface merchants manage their store in.",
        tier: "TIER_2",
        regions: ALL,
      },
    ],
  },
  {
    key: "frontend",
    name: "Frontend",
    description: "Storefront delivery and the visual builder.",
    components: [
      {
        key: "delivery",
        name: "Delivery",
        description: "Serving storefront pages and assets to shoppers.",
        tier: "TIER_1",
        regions: GCP,
      },
      {
        key: "studio",
        name: "Studio",
        description: "The visual editor for storefront pages.",
        tier: "TIER_2",
        regions: GCP,
      },
    ],
  },
  {
    key: "checkout",
    name: "Checkout",
    description: "Hosted checkout and payment orchestration.",
    components: [
      {
        key: "checkout",
        name: "Checkout",
        description: "The checkout flow and payment connectors.",
        tier: "TIER_1",
        regions: NOT_AUSTRALIA,
      },
    ],
  },
  {
    key: "connect",
    name: "Connect",
    description: "Integrations between the platform and other systems.",
    components: [
      {
        key: "api-hub",
        name: "API Hub",
        description: "Managed connectors to ERP, PIM and payment systems.",
        tier: "TIER_1",
        regions: NOT_AUSTRALIA,
      },
    ],
  },
];

/** Base URL of the simulated platform whose health endpoints the seeded probes call. */
export const SIMULATOR_BASE_URL = "http://127.0.0.1:4010";

/** The demo's probes run every 15 s, so a fault shows within a minute (3 rounds to confirm). */
export const DEMO_PROBE_INTERVAL_SECONDS = 15;

export function healthUrl(baseUrl: string, regionKey: string, componentKey: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/${regionKey}/${componentKey}/health`;
}
