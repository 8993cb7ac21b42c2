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

export interface SpIncident {
  id: string;
  name: string;
  status: SpIncidentStatus;
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

export interface SpScheduledMaintenance extends Omit<SpIncident, "status"> {
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
  componentRegionIds: readonly string[];
  updates: readonly { id: string; status: IncidentStatus; message: string; affected: unknown; notifySubscribers: boolean; createdAt: Date }[];
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
