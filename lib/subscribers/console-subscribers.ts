// The subscribers console's read model: counts by state, scope and channel,
// a searchable page of subscribers with their scope and deliveries, and one
// subscriber's recent deliveries. Addresses are personal data: whoever may
// not read them (subscriber.read) gets them masked here, never in the page.
import { z } from "zod";
import type { Db, Prisma } from "../db.ts";
import { type Actor, can } from "../domain/roles.ts";
import {
  maskAddress,
  SCOPE_KINDS,
  type ScopeKind,
  SUBSCRIBER_STATES,
  type SubscriberState,
  scopeKind,
  subscriberState,
} from "../domain/subscriber-state.ts";
import { AppError } from "../errors.ts";
import { subscriberAddress } from "./address.ts";

export const CONSOLE_PAGE_SIZE = 50;

export const subscriberSearchInput = z.object({
  q: z
    .string()
    .trim()
    .max(254)
    .optional()
    .transform((v) => v || undefined),
});

/** The Notification states as the console names them: sent, waiting, failed, bounced (suppressed). */
export interface DeliveryCounts {
  sent: number;
  pending: number;
  failed: number;
  suppressed: number;
}

export interface ConsoleSubscriber {
  id: string;
  channel: "email" | "webhook";
  address: string;
  masked: boolean;
  state: SubscriberState;
  scope: ScopeKind;
  tier1Only: boolean;
  regions: string[];
  components: string[];
  incidents: { id: string; title: string }[];
  suppressReason: string | null;
  createdAt: Date;
  confirmedAt: Date | null;
  unsubscribedAt: Date | null;
  suppressedAt: Date | null;
  deliveries: DeliveryCounts;
}

export interface SubscriberCounts {
  total: number;
  byState: Record<SubscriberState, number>;
  byScope: Record<ScopeKind, number>;
  byChannel: Record<"email" | "webhook", number>;
}

// The same precedence as lib/domain/subscriber-state.ts, as where clauses (the integration test holds them together).
const STATE_WHERE: Record<SubscriberState, Prisma.SubscriberWhereInput> = {
  suppressed: { suppressedAt: { not: null } },
  unsubscribed: { suppressedAt: null, unsubscribedAt: { not: null } },
  confirmed: { suppressedAt: null, unsubscribedAt: null, confirmedAt: { not: null } },
  pending: { suppressedAt: null, unsubscribedAt: null, confirmedAt: null },
};
const SCOPE_WHERE: Record<ScopeKind, Prisma.SubscriberWhereInput> = {
  everything: { scopeAll: true },
  chosen: { scopeAll: false, OR: [{ regions: { some: {} } }, { components: { some: {} } }] },
  incident: { scopeAll: false, regions: { none: {} }, components: { none: {} }, incidents: { some: {} } },
  none: { scopeAll: false, regions: { none: {} }, components: { none: {} }, incidents: { none: {} } },
};

export async function countSubscribers(db: Db): Promise<SubscriberCounts> {
  const [total, states, scopes, channels] = await Promise.all([
    db.subscriber.count(),
    Promise.all(SUBSCRIBER_STATES.map((s) => db.subscriber.count({ where: STATE_WHERE[s] }))),
    Promise.all(SCOPE_KINDS.map((s) => db.subscriber.count({ where: SCOPE_WHERE[s] }))),
    db.subscriber.groupBy({ by: ["channel"], _count: { _all: true } }),
  ]);
  const byChannel = { email: 0, webhook: 0 };
  for (const row of channels) byChannel[row.channel] = row._count._all;
  return {
    total,
    byState: Object.fromEntries(SUBSCRIBER_STATES.map((s, i) => [s, states[i]!])) as Record<SubscriberState, number>,
    byScope: Object.fromEntries(SCOPE_KINDS.map((s, i) => [s, scopes[i]!])) as Record<ScopeKind, number>,
    byChannel,
  };
}

const ROW_SELECT = {
  id: true,
  channel: true,
  email: true,
  webhookUrl: true,
  scopeAll: true,
  tier1Only: true,
  suppressReason: true,
  createdAt: true,
  confirmedAt: true,
  unsubscribedAt: true,
  suppressedAt: true,
  regions: { select: { region: { select: { key: true } } }, orderBy: { region: { key: "asc" } } },
  components: { select: { component: { select: { name: true } } }, orderBy: { component: { name: "asc" } } },
  incidents: { select: { incident: { select: { id: true, title: true } } } },
} satisfies Prisma.SubscriberSelect;

type Row = Prisma.SubscriberGetPayload<{ select: typeof ROW_SELECT }>;

function toConsoleSubscriber(row: Row, mayRead: boolean, deliveries: DeliveryCounts): ConsoleSubscriber {
  const address = subscriberAddress(row);
  return {
    id: row.id,
    channel: row.channel,
    address: mayRead ? address : maskAddress(address),
    masked: !mayRead,
    state: subscriberState(row),
    scope: scopeKind({
      scopeAll: row.scopeAll,
      regionCount: row.regions.length,
      componentCount: row.components.length,
      incidentCount: row.incidents.length,
    }),
    tier1Only: row.tier1Only,
    regions: row.regions.map((r) => r.region.key),
    components: row.components.map((c) => c.component.name),
    incidents: row.incidents.map((i) => i.incident),
    suppressReason: row.suppressReason,
    createdAt: row.createdAt,
    confirmedAt: row.confirmedAt,
    unsubscribedAt: row.unsubscribedAt,
    suppressedAt: row.suppressedAt,
    deliveries,
  };
}

async function deliveriesOf(db: Db, ids: string[]): Promise<Map<string, DeliveryCounts>> {
  const grouped = await db.notification.groupBy({
    by: ["subscriberId", "state"],
    where: { subscriberId: { in: ids } },
    _count: { _all: true },
  });
  const map = new Map<string, DeliveryCounts>(ids.map((id) => [id, { sent: 0, pending: 0, failed: 0, suppressed: 0 }]));
  for (const g of grouped) {
    const counts = map.get(g.subscriberId)!;
    if (g.state === "sending") counts.pending += g._count._all;
    else counts[g.state] += g._count._all;
  }
  return map;
}

/** Every subscriber, a batch at a time in id order (the CSV export), addresses as the actor may see them. */
export async function* allConsoleSubscribers(db: Db, actor: Actor, batch = 500): AsyncGenerator<ConsoleSubscriber> {
  const mayRead = can(actor.role, "subscriber.read");
  let cursor: string | undefined;
  for (;;) {
    const rows = await db.subscriber.findMany({
      orderBy: { id: "asc" },
      take: batch,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: ROW_SELECT,
    });
    if (rows.length === 0) return;
    const deliveries = await deliveriesOf(
      db,
      rows.map((r) => r.id),
    );
    for (const row of rows) yield toConsoleSubscriber(row, mayRead, deliveries.get(row.id)!);
    cursor = rows.at(-1)!.id;
  }
}

/** Newest first. Searching by address needs the right to read addresses: a viewer could otherwise probe for one. */
export async function listConsoleSubscribers(
  db: Db,
  actor: Actor,
  input: z.input<typeof subscriberSearchInput> = {},
  limit = CONSOLE_PAGE_SIZE,
): Promise<{ rows: ConsoleSubscriber[]; searched: boolean }> {
  const { q } = subscriberSearchInput.parse(input);
  const mayRead = can(actor.role, "subscriber.read");
  const searched = Boolean(q && mayRead);
  const where: Prisma.SubscriberWhereInput = searched
    ? {
        OR: [
          { email: { contains: q!.toLowerCase(), mode: "insensitive" } },
          { webhookUrl: { contains: q!, mode: "insensitive" } },
        ],
      }
    : {};
  const rows = await db.subscriber.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: ROW_SELECT,
  });
  const deliveries = await deliveriesOf(
    db,
    rows.map((r) => r.id),
  );
  return { rows: rows.map((r) => toConsoleSubscriber(r, mayRead, deliveries.get(r.id)!)), searched };
}

export interface ConsoleDelivery {
  id: string;
  kind: string;
  title: string;
  state: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export const DELIVERIES_SHOWN = 25;

export async function getConsoleSubscriber(
  db: Db,
  actor: Actor,
  id: string,
): Promise<ConsoleSubscriber & { recent: ConsoleDelivery[] }> {
  const row = await db.subscriber.findUnique({ where: { id }, select: ROW_SELECT });
  if (!row) throw new AppError("NOT_FOUND", "There is no such subscriber; they may have been removed.");
  const [deliveries, recent] = await Promise.all([
    deliveriesOf(db, [row.id]),
    db.notification.findMany({
      where: { subscriberId: row.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: DELIVERIES_SHOWN,
      select: {
        id: true,
        state: true,
        attempts: true,
        lastError: true,
        createdAt: true,
        sentAt: true,
        event: { select: { kind: true, payload: true } },
      },
    }),
  ]);
  return {
    ...toConsoleSubscriber(row, can(actor.role, "subscriber.read"), deliveries.get(row.id)!),
    recent: recent.map((n) => ({
      id: n.id,
      kind: n.event.kind,
      title: titleOf(n.event.payload),
      state: n.state,
      attempts: n.attempts,
      lastError: n.lastError,
      createdAt: n.createdAt,
      sentAt: n.sentAt,
    })),
  };
}

function titleOf(payload: Prisma.JsonValue): string {
  return payload && typeof payload === "object" && !Array.isArray(payload) && typeof payload.title === "string"
    ? payload.title
    : "";
}
