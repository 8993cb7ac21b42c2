// The read models lib/postmortems hands to the console, the exports and the
// jobs. Dates are Date objects here; the stored JSON (impact report, published
// snapshot) keeps ISO strings.
import type { PostmortemPolicyStatus } from "../domain/postmortem-policy.ts";
import type { PostmortemSections } from "../domain/postmortem-sections.ts";
import type { PublishedPostmortemSnapshot } from "../domain/postmortem-snapshot-format.ts";
import type {
  ActionItemState,
  ActionItemType,
  IncidentImpact,
  IncidentReview,
  IncidentSource,
  IncidentStatus,
  PostmortemState,
  Priority,
  Role,
  Tier,
  TimelineSource,
} from "../generated/prisma/enums.ts";

export type { PostmortemPolicyStatus, PostmortemSections, PublishedPostmortemSnapshot };
export type {
  ImpactComponentRegion,
  ImpactContract,
  ImpactContractMonth,
  ImpactReport,
  MinutesByStatus,
  VantageFailures,
} from "../domain/postmortem-impact.ts";
import type { ImpactReport } from "../domain/postmortem-impact.ts";

export interface UserRef {
  id: string;
  email: string;
  name: string | null;
}

/** A user who may own action items: an enabled ENGINEER or ADMIN. */
export interface AssignableUser extends UserRef {
  role: Role;
}

// ─── The console's postmortem ────────────────────────────────────────────────

export interface TimelineEntryView {
  id: string;
  at: Date;
  source: TimelineSource;
  text: string;
  /** Set on entries collected from the record; null on an engineer's own. */
  sourceKey: string | null;
  starred: boolean;
  hidden: boolean;
  author: UserRef | null;
  createdAt: Date;
}

export interface ActionItemView {
  id: string;
  postmortemId: string;
  title: string;
  description: string;
  owner: UserRef | null;
  dueDate: Date | null;
  priority: Priority;
  type: ActionItemType;
  trackerUrl: string | null;
  state: ActionItemState;
  wontDoReason: string | null;
  isPublic: boolean;
  completedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** Open or in progress and past its due date. */
  overdue: boolean;
}

/** An action item with its incident, for "my action items" and the overdue list. */
export interface ActionItemListRow extends ActionItemView {
  incident: { id: string; title: string; priority: Priority };
}

export interface PostmortemRevisionView {
  id: string;
  revision: number;
  publishedAt: Date;
  publishedBy: UserRef | null;
}

export interface PostmortemIncident {
  id: string;
  title: string;
  status: IncidentStatus;
  impact: IncidentImpact;
  priority: Priority;
  source: IncidentSource;
  review: IncidentReview;
  tier: Tier;
  startedAt: Date;
  detectedAt: Date | null;
  acknowledgedAt: Date | null;
  mitigatedAt: Date | null;
  resolvedAt: Date | null;
  componentRegions: { componentRegionId: string; componentName: string; regionName: string; tier: Tier }[];
}

/** What the actor may do to this postmortem now; the verbs check again. */
export interface PostmortemPermissions {
  write: boolean;
  submit: boolean;
  /** Has postmortem.review and is not the author. */
  approve: boolean;
  /** Why `approve` is false, for a person to read; null when it is true. */
  approveBlockedReason: string | null;
  publish: boolean;
  markNotRequired: boolean;
}

export interface PostmortemView {
  id: string;
  incidentId: string;
  state: PostmortemState;
  /** Send it back with savePostmortem. */
  version: number;
  sections: PostmortemSections;
  impactReport: ImpactReport | null;
  dueAt: Date | null;
  policyStatus: PostmortemPolicyStatus;
  notRequired: boolean;
  notRequiredReason: string | null;
  /** What readers see now; null until first published. */
  published: PublishedPostmortemSnapshot | null;
  publishedAt: Date | null;
  firstPublishedAt: Date | null;
  publishCount: number;
  /** Published once, changed since: readers still see the last publication. */
  hasUnpublishedChanges: boolean;
  submittedAt: Date | null;
  approvedAt: Date | null;
  author: UserRef | null;
  reviewer: UserRef | null;
  owner: UserRef | null;
  createdAt: Date;
  updatedAt: Date;
  incident: PostmortemIncident;
  /** Oldest first. */
  timeline: TimelineEntryView[];
  actionItems: ActionItemView[];
  /** Newest first. */
  revisions: PostmortemRevisionView[];
  permissions: PostmortemPermissions;
}

/** A row of the "postmortems due" list (console home, incidents list). */
export interface PostmortemDueRow {
  incidentId: string;
  incidentTitle: string;
  priority: Priority;
  resolvedAt: Date;
  postmortemId: string | null;
  state: PostmortemState | null;
  status: Extract<PostmortemPolicyStatus, "missing" | "due" | "overdue">;
  dueAt: Date;
  /** Since resolution. */
  ageMs: number;
  owner: UserRef | null;
}
