// The audit trail as admins read it: newest first, filtered by who, what,
// which record and when, a page at a time.
import { z } from "zod";
import type { Db, Prisma } from "../db.ts";

export const AUDIT_PAGE_SIZE = 50;

const optionalText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => v || undefined);
const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .pipe(z.iso.date("Use a date such as 2026-11-22").optional());

export const auditFilterInput = z.object({
  actor: optionalText,
  action: optionalText,
  entityType: optionalText,
  entityId: optionalText,
  /** UTC days, inclusive. */
  from: optionalDate,
  to: optionalDate,
  /** Show entries older than this id (the next page). */
  before: z
    .string()
    .regex(/^\d{1,19}$/)
    .optional(),
});

export type AuditFilter = z.output<typeof auditFilterInput>;

export interface AuditRow {
  id: string;
  at: Date;
  actorEmail: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export interface AuditPage {
  entries: AuditRow[];
  /** Pass as `before` for the next, older page; null at the end. */
  nextBefore: string | null;
}

export async function listAuditEntries(db: Db, filter: AuditFilter): Promise<AuditPage> {
  const where: Prisma.AuditEntryWhereInput = {
    actorEmail: filter.actor ? { contains: filter.actor, mode: "insensitive" } : undefined,
    action: filter.action ? { startsWith: filter.action } : undefined,
    entityType: filter.entityType,
    entityId: filter.entityId,
    at:
      filter.from || filter.to
        ? {
            gte: filter.from ? new Date(`${filter.from}T00:00:00Z`) : undefined,
            lt: filter.to ? nextDay(filter.to) : undefined,
          }
        : undefined,
    id: filter.before ? { lt: BigInt(filter.before) } : undefined,
  };
  const rows = await db.auditEntry.findMany({ where, orderBy: { id: "desc" }, take: AUDIT_PAGE_SIZE + 1 });
  const entries = rows.slice(0, AUDIT_PAGE_SIZE).map((r) => ({ ...r, id: r.id.toString() }));
  return { entries, nextBefore: rows.length > AUDIT_PAGE_SIZE ? (entries.at(-1)?.id ?? null) : null };
}

function nextDay(day: string): Date {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date;
}

/** The distinct actions and entity types written so far, for the filter's choices. */
export async function auditVocabulary(db: Db): Promise<{ actions: string[]; entityTypes: string[] }> {
  const [actions, types] = await Promise.all([
    db.auditEntry.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } }),
    db.auditEntry.findMany({ distinct: ["entityType"], select: { entityType: true }, orderBy: { entityType: "asc" } }),
  ]);
  return { actions: actions.map((a) => a.action), entityTypes: types.map((t) => t.entityType) };
}

/** before/after as rows of field → old, new (only fields that differ), for reading at a glance. */
export function auditChanges(before: unknown, after: unknown): { field: string; before: string; after: string }[] {
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields
    .map((field) => ({ field, before: show(b[field]), after: show(a[field]) }))
    .filter((row) => row.before !== row.after);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  if (value === undefined) return "—";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}
