// A real HTTP receiver for webhook tests: records every request with its
// headers and raw body, checks its signature against the secret the test
// registered for that path (as a subscriber's own receiver would), and
// answers as told — a status per path, a queue of failures first, a delay, or
// no answer at all.
import http from "node:http";
import type { AddressInfo } from "node:net";
import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifyWebhookSignature,
} from "../../lib/webhooks/signature.ts";

export interface ReceivedWebhook {
  path: string;
  host: string | undefined;
  event: string | undefined;
  deliveryId: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
  body: string;
  /** null: no secret registered for the path. */
  verified: boolean | null;
  receivedAt: number;
}

/** "echo": answer a challenge request with `{"challenge": …}`, as a subscriber's receiver must. */
type Answer = { status: number; body?: string } | "hang" | "echo";

export interface WebhookReceiver {
  url: string;
  port: number;
  received: ReceivedWebhook[];
  on(path: string): ReceivedWebhook[];
  /** Verifies requests to this path with this secret from now on. */
  secret(path: string, secret: string): void;
  /** Answers for the next requests to this path, in order; then 200. */
  answer(path: string, ...answers: Answer[]): void;
  /** Every request to this path gets this, until changed. */
  always(path: string, answer: Answer): void;
  delayMs: number;
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  clear(): void;
  close(): Promise<void>;
}

const header = (req: http.IncomingMessage, name: string) => {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const secrets = new Map<string, string>();
  const queued = new Map<string, Answer[]>();
  const fixed = new Map<string, Answer>();
  const hanging = new Set<http.ServerResponse>();
  const receiver: WebhookReceiver = {
    url: "",
    port: 0,
    received: [],
    delayMs: 0,
    on: (path) => receiver.received.filter((r) => r.path === path),
    secret: (path, secret) => void secrets.set(path, secret),
    answer: (path, ...answers) => void queued.set(path, [...(queued.get(path) ?? []), ...answers]),
    always: (path, answer) => void fixed.set(path, answer),
    async waitFor(count, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (receiver.received.length < count) {
        if (Date.now() > deadline)
          throw new Error(`the receiver got ${receiver.received.length} requests, not ${count}, in ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    clear() {
      receiver.received.length = 0;
      queued.clear();
      fixed.clear();
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "/";
      const body = Buffer.concat(chunks).toString("utf8");
      const secret = secrets.get(path);
      receiver.received.push({
        path,
        host: req.headers.host,
        event: header(req, EVENT_HEADER),
        deliveryId: header(req, DELIVERY_HEADER),
        timestamp: header(req, TIMESTAMP_HEADER),
        signature: header(req, SIGNATURE_HEADER),
        body,
        verified:
          secret === undefined
            ? null
            : verifyWebhookSignature(
                secret,
                { timestamp: header(req, TIMESTAMP_HEADER) ?? null, signature: header(req, SIGNATURE_HEADER) ?? null },
                body,
                new Date(),
              ),
        receivedAt: Date.now(),
      });
      const answer = queued.get(path)?.shift() ?? fixed.get(path) ?? { status: 200 };
      const respond = () => {
        if (answer === "hang") {
          hanging.add(res);
          return;
        }
        if (answer === "echo") {
          let challenge: unknown;
          try {
            challenge = (JSON.parse(body) as { challenge?: unknown }).challenge;
          } catch {}
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify({ challenge }));
          return;
        }
        res.writeHead(answer.status, { "content-type": "text/plain" });
        res.end(answer.body ?? "ok");
      };
      if (receiver.delayMs > 0) setTimeout(respond, receiver.delayMs);
      else respond();
    });
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.port = (server.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${receiver.port}`;
  return receiver;
}
