// The demo's postmortems, one per demo incident, each in a different state:
// the checkout outage's is published (with action items, one overdue), the
// Merchant Center CDN's is in review, the slow-orders one is a draft, and the
// search network path (P3) is marked not required.
import type { ActionItemState, ActionItemType, Priority } from "../generated/prisma/enums.ts";

export interface DemoActionItem {
  title: string;
  /** Demo user's email. */
  owner: string;
  /** Days after the incident was resolved; a due date already past makes it overdue. */
  dueDaysAfterResolution: number;
  priority: Priority;
  type: ActionItemType;
  isPublic: boolean;
  state: ActionItemState;
  trackerUrl?: string;
}

export interface DemoPostmortem {
  incidentId: string;
  target: "published" | "in_review" | "draft" | "not_required";
  /** Sections written over the pre-filled drafts; Impact and Detection stay as measured. */
  sections: Partial<
    Record<
      "summary" | "leadup" | "fault" | "rootCause" | "mitigation" | "correctiveMeasures" | "lessonsLearned",
      string
    >
  >;
  /** An engineer's own timeline lines, minutes after the incident started. */
  timeline?: { minutes: number; text: string }[];
  actionItems?: DemoActionItem[];
  notRequiredReason?: string;
}

export const DEMO_POSTMORTEMS: readonly DemoPostmortem[] = [
  {
    incidentId: "demo-checkout-database-failure",
    target: "published",
    sections: {
      summary:
        "For about two hours, shoppers on stores hosted in **us-central1** could not complete checkout: the checkout API answered `503` to every order. Other regions and the rest of the platform were not affected.",
      leadup:
        "Checkout in us-central1 writes orders to a primary PostgreSQL instance with a synchronous standby in a second zone. The week before, the primary's data volume had been moved to a new storage class as part of a planned cost change.",
      fault:
        "The primary's data volume became read-only after a storage-layer failure in its zone. PostgreSQL kept accepting connections and reads, so the instance looked healthy, but every write failed.\n\n| signal | what it showed |\n|---|---|\n| TCP health check | healthy |\n| checkout API | `503` on every order |\n| database logs | `could not write to file … Read-only file system` |",
      rootCause:
        "Automatic failover only triggers when the primary stops answering its TCP health check. A primary that answers but cannot write was not considered failed, so the standby was never promoted and an engineer had to fail over by hand.",
      mitigation:
        "The on-call engineer confirmed the storage failure with the cloud provider, fenced the old primary and promoted the standby. Orders went through again as soon as the application reconnected; we watched replication and error rates for 25 minutes before resolving.",
      correctiveMeasures:
        "- Fail over on write errors, not only on a failed TCP check.\n- Alert on checkout write errors directly, so that detection does not depend on probes alone.\n- Rehearse a failover in every checkout region each quarter.\n\nSee the [PostgreSQL documentation on failover](https://www.postgresql.org/docs/current/warm-standby-failover.html) for the mechanism we use.",
      lessonsLearned:
        "**Went well:** probes confirmed the outage within two minutes and the proposal named the failing region.\n\n**Went wrong:** the runbook assumed a dead primary, not a read-only one.\n\n**Where we got lucky:** the standby was fully in sync, so no order was lost.",
    },
    timeline: [{ minutes: 14, text: "On-call confirmed with the cloud provider: storage failure in us-central1-b" }],
    actionItems: [
      {
        title: "Fail over checkout's database on write errors, not only on TCP checks",
        owner: "engineer@bellwether.test",
        dueDaysAfterResolution: 30,
        priority: "P2",
        type: "prevent",
        isPublic: true,
        state: "in_progress",
        trackerUrl: "https://tracker.example.com/CHK-4711",
      },
      {
        title: "Alert on checkout write errors per region",
        owner: "oncall@bellwether.test",
        dueDaysAfterResolution: 5,
        priority: "P2",
        type: "detect",
        isPublic: true,
        state: "open",
      },
      {
        title: "Update the checkout runbook for a read-only primary",
        owner: "engineer@bellwether.test",
        dueDaysAfterResolution: 3,
        priority: "P3",
        type: "process",
        isPublic: false,
        state: "done",
      },
    ],
  },
  {
    incidentId: "demo-merchant-center-cdn",
    target: "in_review",
    sections: {
      summary:
        "Merchant Center did not load in any region for about an hour after a CDN configuration change broke routing to its origin. The commerce APIs and storefronts were not affected.",
      fault:
        "A configuration push replaced the origin host of the Merchant Center distribution with a staging host name, so every request ended in a `502`.",
      rootCause:
        "The CDN configuration is deployed by a pipeline that validates syntax but not the origin it points to; the change had been reviewed as a routine TLS update.",
      mitigation: "We rolled the CDN configuration back to the previous version. Caches refilled within minutes.",
      correctiveMeasures:
        "- Validate CDN origins against the service catalog before a push.\n- Deploy CDN changes to one region first.",
    },
    actionItems: [
      {
        title: "Check CDN origins against the service catalog in the pipeline",
        owner: "oncall@bellwether.test",
        dueDaysAfterResolution: 75,
        priority: "P2",
        type: "prevent",
        isPublic: true,
        state: "open",
      },
    ],
  },
  {
    incidentId: "demo-carts-orders-slow-deploy",
    target: "draft",
    sections: {
      summary:
        "Order queries in eu-central-1 were slow for about three hours after a deploy whose migration had not built its index there.",
    },
  },
  {
    incidentId: "demo-search-network-path",
    target: "not_required",
    sections: {},
    notRequiredReason:
      "45 minutes of partial impact from one network path, fixed by our transit provider; nothing on our side to change. Followed up with the provider under ticket NET-2231.",
  },
];
