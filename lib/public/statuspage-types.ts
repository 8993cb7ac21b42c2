// Atlassian Statuspage's public API v2 objects, and the plain facts about
// Bellwether's data they are shaped from (lib/public/statuspage-shape.ts).
import type { ComponentStatus, StatusIndicator } from "../domain/status.ts";
import type { IncidentImpact, IncidentStatus, MaintenanceStatus } from "../generated/prisma/enums.ts";

export interface SpPage {
  id: string;
  name: string;
  url: string;
  time_zone: string;
  updated_at: string;
}

export interface SpStatus {
  indicator: StatusIndicator;
  description: string;
}

export interface SpComponent {
  id: string;
  name: string;
  status: ComponentStatus;
  created_at: string;
  updated_at: string;
  position: number;
  description: string | null;
  showcase: boolean;
  start_date: string | null;
  group_id: string | null;
  page_id: string;
  group: boolean;
  only_show_if_degraded: boolean;
  /** Only on groups: the ids of the components inside. */
  components?: string[];
}

export interface SpAffectedComponent {
  code: string;
  name: string;
  old_status: ComponentStatus;
  new_status: ComponentStatus;
}

export interface SpIncidentUpdate {
  id: string;
  status: IncidentStatus | MaintenanceStatus;
  body: string;
  incident_id: string;
  created_at: string;
  updated_at: string;
  display_at: string;
  affected_components: SpAffectedComponent[] | null;
  deliver_notifications: boolean;
  custom_tweet: null;
  tweet_id: null;
}

export type SpIncidentStatus = IncidentStatus | "postmortem";
export type SpImpact = IncidentImpact | "maintenance";

export interface SpIncident extends SpNotice, SpPostmortemFields {
  status: SpIncidentStatus;
}

/** Statuspage's postmortem fields of an incident (none on scheduled maintenance). */
export interface SpPostmortemFields {
  /** The published postmortem as Markdown; null until one is published. */
  postmortem_body: string | null;
  postmortem_body_last_updated_at: string | null;
  /** The incident was judged not to need one. */
  postmortem_ignored: boolean;
  postmortem_notified_subscribers: boolean;
  postmortem_notified_twitter: boolean;
  postmortem_published_at: string | null;
}

/** What incidents and scheduled maintenances share. */
export interface SpNotice {
  id: string;
  name: string;
  created_at: string;
  updated_at: string;
  monitoring_at: string | null;
  resolved_at: string | null;
  impact: SpImpact;
  shortlink: string;
  started_at: string;
  page_id: string;
  incident_updates: SpIncidentUpdate[];
  components: SpComponent[];
}

export interface SpScheduledMaintenance extends SpNotice {
  status: MaintenanceStatus;
  scheduled_for: string;
  scheduled_until: string;
}

// ─── Facts ─────────────────────────────────────────────────────────────────

export interface ComponentRegionFacts {
  id: string;
  createdAt: Date;
  /** When its public status last changed (or it was created). */
  updatedAt: Date;
  /** Effective status (lib/domain/status.ts); null without evidence. */
  status: ComponentStatus | null;
  product: { id: string; name: string; description: string; createdAt: Date };
  component: { name: string; description: string };
  region: { key: string; name: string };
}

export interface IncidentFacts {
  id: string;
  title: string;
  status: IncidentStatus;
  impact: IncidentImpact;
  createdAt: Date;
  updatedAt: Date;
  startedAt: Date;
  mitigatedAt: Date | null;
  resolvedAt: Date | null;
  postmortemPublished: boolean;
  /** The postmortem as readers see it; absent or null when there is none. */
  postmortem?: PostmortemFacts | null;
  componentRegionIds: readonly string[];
  updates: readonly {
    id: string;
    status: IncidentStatus;
    message: string;
    affected: unknown;
    notifySubscribers: boolean;
    createdAt: Date;
  }[];
}

export interface PostmortemFacts {
  /** The published public version as Markdown; null until published. */
  body: string | null;
  /** First publication. */
  publishedAt: Date | null;
  /** Latest publication (moves on each republication). */
  bodyUpdatedAt: Date | null;
  /** Marked "not required". */
  ignored: boolean;
  /** A "postmortem published" email went to subscribers. */
  notifiedSubscribers: boolean;
}

export interface MaintenanceFacts {
  id: string;
  title: string;
  description: string;
  status: MaintenanceStatus;
  createdAt: Date;
  updatedAt: Date;
  scheduledStart: Date;
  scheduledEnd: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  componentRegionIds: readonly string[];
  updates: readonly { id: string; status: MaintenanceStatus; message: string; createdAt: Date }[];
}

export interface ShapeContext {
  pageId: string;
  /** PUBLIC_URL without a trailing slash. */
  publicUrl: string;
  /** Every shaped component by id, for incidents' components and names. */
  components: ReadonlyMap<string, SpComponent>;
}
