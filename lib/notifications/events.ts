// What a notification about an event says, frozen when the event happens (the
// NotificationEvent's payload). Written by lib/incidents, lib/maintenance and
// lib/postmortems; read by each channel's rendering — emails/ templates and
// lib/webhooks/payload.ts. Validated on both sides.
import { z } from "zod";

export const eventKinds = [
  "incident_published",
  "incident_updated",
  "incident_resolved",
  "maintenance_scheduled",
  "maintenance_reminder",
  "maintenance_started",
  "maintenance_completed",
  "postmortem_published",
] as const;

export const eventPayloadSchema = z.object({
  /** Incident, maintenance or postmortem title. */
  title: z.string(),
  /** Path on the public site, e.g. /incidents/ck…; made absolute with PUBLIC_URL. */
  path: z.string().startsWith("/"),
  /** Lifecycle status at the time, e.g. "identified" or "scheduled". */
  status: z.string(),
  impact: z.enum(["none", "minor", "major", "critical"]).optional(),
  /** The update's message (plain text as typed). */
  message: z.string(),
  affected: z.array(z.object({ component: z.string(), region: z.string(), status: z.string() })),
  scheduledStart: z.iso.datetime().optional(),
  scheduledEnd: z.iso.datetime().optional(),
  /** When it happened. */
  at: z.iso.datetime(),
});

export type EventPayload = z.infer<typeof eventPayloadSchema>;
export type EventKind = (typeof eventKinds)[number];
