// The incidents the demo's 90-day history implies, with updates written the
// way an engineer writes them. Each is keyed to the history's outage (the
// StatusChange evidence names it) and to a fixed id, so seeding is idempotent.
import type { IncidentStatus } from "../generated/prisma/enums.ts";

export interface DemoIncidentUpdate {
  status: IncidentStatus;
  /** Minutes after the outage began (negative: before it ended, with `fromEnd`). */
  minutes: number;
  /** Count `minutes` from the end of the outage instead of its start. */
  fromEnd?: boolean;
  message: string;
}

export interface DemoIncident {
  /** The history outage's key (lib/seed/seed-history.ts DEMO_HISTORY_INCIDENTS). */
  historyKey: string;
  id: string;
  title: string;
  /** Minutes from the outage's start until probes confirmed it and proposed an incident. */
  detectedAfterMinutes: number;
  /** Minutes from detection until an engineer approved it. */
  approvedAfterMinutes: number;
  updates: readonly DemoIncidentUpdate[];
}

export const DEMO_INCIDENTS: readonly DemoIncident[] = [
  {
    historyKey: "checkout-database-failure",
    id: "demo-checkout-database-failure",
    title: "Checkout unavailable in us-central1",
    detectedAfterMinutes: 2,
    approvedAfterMinutes: 4,
    updates: [
      {
        status: "investigating",
        minutes: 6,
        message: "Checkout in us-central1 answers 503 and orders cannot be placed. We are investigating.",
      },
      {
        status: "identified",
        minutes: 24,
        message:
          "The primary database behind checkout in us-central1 stopped accepting writes after a storage failure. We are failing over to the standby in another zone.",
      },
      {
        status: "monitoring",
        minutes: 2,
        fromEnd: true,
        message:
          "The standby database has been promoted and orders are going through again. We are watching error rates and replication.",
      },
      {
        status: "resolved",
        minutes: 25,
        fromEnd: true,
        message:
          "Checkout in us-central1 has been stable for 25 minutes on the new primary. This incident is resolved; a postmortem will follow.",
      },
    ],
  },
  {
    historyKey: "merchant-center-cdn",
    id: "demo-merchant-center-cdn",
    title: "Merchant Center unreachable in every region",
    detectedAfterMinutes: 2,
    approvedAfterMinutes: 6,
    updates: [
      {
        status: "investigating",
        minutes: 8,
        message:
          "Merchant Center does not load in any region; the CDN answers 502. The APIs are not affected. We are investigating.",
      },
      {
        status: "identified",
        minutes: 31,
        message:
          "A CDN configuration change pushed at 10:02 UTC broke routing to the Merchant Center origin. We are rolling it back.",
      },
      {
        status: "monitoring",
        minutes: 3,
        fromEnd: true,
        message: "The configuration is rolled back and Merchant Center loads again. Some browsers may need a reload.",
      },
      {
        status: "resolved",
        minutes: 30,
        fromEnd: true,
        message: "Merchant Center has worked normally for 30 minutes in every region. Resolved.",
      },
    ],
  },
  {
    historyKey: "carts-orders-slow-deploy",
    id: "demo-carts-orders-slow-deploy",
    title: "Slow order queries in eu-central-1",
    detectedAfterMinutes: 9,
    approvedAfterMinutes: 12,
    updates: [
      {
        status: "investigating",
        minutes: 22,
        message:
          "Order queries in eu-central-1 take several seconds. Carts and orders still work, more slowly. We are investigating.",
      },
      {
        status: "identified",
        minutes: 55,
        message:
          "Today's deploy queries orders by a column that has no index in eu-central-1. We are building the index online.",
      },
      {
        status: "monitoring",
        minutes: 1,
        fromEnd: true,
        message: "The index is built and order queries are back to normal latency.",
      },
      {
        status: "resolved",
        minutes: 20,
        fromEnd: true,
        message: "Latency has stayed normal for 20 minutes. Resolved.",
      },
    ],
  },
  {
    historyKey: "search-network-path",
    id: "demo-search-network-path",
    title: "Search partly unreachable in europe-west1",
    detectedAfterMinutes: 3,
    approvedAfterMinutes: 5,
    updates: [
      {
        status: "investigating",
        minutes: 9,
        message: "Some search requests to europe-west1 time out, depending on the network path. We are investigating.",
      },
      {
        status: "identified",
        minutes: 20,
        message: "A transit provider is dropping traffic between us-east-2 and europe-west1. We are routing around it.",
      },
      {
        status: "resolved",
        minutes: 10,
        fromEnd: true,
        message: "Traffic now avoids the failing provider and search answers from every path. Resolved.",
      },
    ],
  },
];
