// The demo's webhook catcher: POST /api/demo/webhooks/<name> answers
// challenges and keeps each request it receives, one JSON file per request
// under <data dir>/webhooks/, with whether its signature verified against
// the secret of the subscriber that points at it. /admin/mailbox/webhooks
// shows them. Like the mailbox it exists only while the mail catcher is on
// (the demo), and only for requests and readers at this machine.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Db } from "../db.ts";
import { getEnv } from "../env.ts";
import { fromThisMachine } from "../mail/demo-mailbox.ts";
import { mailboxEnabled } from "../mail/send.ts";
import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifyWebhookSignature,
} from "./signature.ts";

export const CATCHER_LIMIT = 200;
export const CATCHER_MAX_BODY_BYTES = 256 * 1024;
export const CATCHER_PATH = "/api/demo/webhooks";

export const caughtWebhookSchema = z.object({
  id: z.string(),
  receivedAt: z.iso.datetime(),
  /** The path it was posted to, e.g. /api/demo/webhooks/team-chat. */
  path: z.string(),
  event: z.string().nullable(),
  deliveryId: z.string().nullable(),
  /** verified: the signature matches a subscriber's secret; challenge: a subscription being confirmed (no secret yet to check against). */
  signature: z.enum(["verified", "invalid", "missing", "challenge"]),
  subscriberId: z.string().nullable(),
  body: z.string(),
});

export type CaughtWebhook = z.infer<typeof caughtWebhookSchema>;

const ID = /^[0-9]{13}-[0-9a-f]{8}$/;
const NAME = /^[A-Za-z0-9_-]{1,64}$/;

function folder(dataDir: string): string {
  return path.resolve(dataDir, "webhooks");
}

let sequence = 0;
function newId(now: Date): string {
  sequence = (sequence + 1) % 0x10000;
  return `${now.getTime()}-${sequence.toString(16).padStart(4, "0")}${randomBytes(2).toString("hex")}`;
}

/** The catcher exists while the demo's mail catcher does, for this machine only. */
export function webhookCatcherVisibleTo(headers: { get(name: string): string | null }): boolean {
  return mailboxEnabled() && fromThisMachine(headers);
}

interface IncomingRequest {
  name: string;
  /** The path and query it was posted to. */
  pathAndQuery: string;
  headers: { get(name: string): string | null };
  body: string;
}

/** Receives one request; returns the answer's body (the echoed challenge) or null when the catcher is not there. */
export async function catchWebhook(db: Db, request: IncomingRequest, now = new Date()): Promise<object | null> {
  if (!webhookCatcherVisibleTo(request.headers) || !NAME.test(request.name)) return null;
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(request.body);
  } catch {}
  const challenge =
    typeof parsed === "object" && parsed !== null && (parsed as { type?: unknown }).type === "challenge"
      ? (parsed as { challenge?: unknown }).challenge
      : undefined;
  const timestamp = request.headers.get(TIMESTAMP_HEADER);
  const signature = request.headers.get(SIGNATURE_HEADER);
  let outcome: CaughtWebhook["signature"] = signature ? "invalid" : "missing";
  let subscriberId: string | null = null;
  if (typeof challenge === "string") outcome = "challenge";
  else if (signature) {
    // The subscribers that point here, whatever host name they used for this machine.
    const candidates = await db.subscriber.findMany({
      where: { channel: "webhook", webhookUrl: { endsWith: request.pathAndQuery } },
      select: { id: true, webhookUrl: true, webhookSecret: true },
    });
    const match = candidates.find(
      (s) =>
        s.webhookSecret &&
        new URL(s.webhookUrl!).pathname + new URL(s.webhookUrl!).search === request.pathAndQuery &&
        verifyWebhookSignature(s.webhookSecret, { timestamp, signature }, request.body, now),
    );
    if (match) {
      outcome = "verified";
      subscriberId = match.id;
    }
  }
  const stored: CaughtWebhook = {
    id: newId(now),
    receivedAt: now.toISOString(),
    path: request.pathAndQuery,
    event: request.headers.get(EVENT_HEADER),
    deliveryId: request.headers.get(DELIVERY_HEADER),
    signature: outcome,
    subscriberId,
    body: request.body.slice(0, CATCHER_MAX_BODY_BYTES),
  };
  const dataDir = getEnv().BELLWETHER_DATA_DIR;
  await fs.mkdir(folder(dataDir), { recursive: true });
  const file = path.join(folder(dataDir), `${stored.id}.json`);
  await fs.writeFile(`${file}.tmp`, JSON.stringify(stored));
  await fs.rename(`${file}.tmp`, file);
  const ids = await caughtIds(dataDir);
  await Promise.all(
    ids.slice(CATCHER_LIMIT).map((id) => fs.rm(path.join(folder(dataDir), `${id}.json`), { force: true })),
  );
  return typeof challenge === "string" ? { challenge } : { ok: true };
}

async function caughtIds(dataDir: string): Promise<string[]> {
  const names = await fs.readdir(folder(dataDir)).catch(() => [] as string[]);
  return names
    .filter((n) => n.endsWith(".json"))
    .map((n) => n.slice(0, -5))
    .filter((id) => ID.test(id))
    .sort()
    .reverse();
}

/** Newest first; null when the reader may not see the catcher. */
export async function listCaughtWebhooks(
  headers: { get(name: string): string | null },
  options: { limit?: number } = {},
): Promise<CaughtWebhook[] | null> {
  if (!webhookCatcherVisibleTo(headers)) return null;
  const dataDir = getEnv().BELLWETHER_DATA_DIR;
  const found: CaughtWebhook[] = [];
  for (const id of await caughtIds(dataDir)) {
    try {
      const text = await fs.readFile(path.join(folder(dataDir), `${id}.json`), "utf8");
      found.push(caughtWebhookSchema.parse(JSON.parse(text)));
    } catch {}
    if (found.length >= (options.limit ?? 100)) break;
  }
  return found;
}
