// One webhook request: a POST with a 5 s deadline for the whole exchange, at
// most 64 KB of the answer read, redirects never followed, and the SSRF rule
// (address-guard.ts) applied to the address actually connected to: the host
// name is resolved once, every address it gives is checked, and the socket
// connects to the checked address — so a DNS answer that changes between
// the check and the connection (rebinding) cannot switch the target.
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { isForbiddenAddress } from "./address-guard.ts";

export const WEBHOOK_TIMEOUT_MS = 5_000;
export const WEBHOOK_MAX_RESPONSE_BYTES = 64 * 1024;

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

const systemResolver: Resolver = async (hostname) =>
  (await dns.promises.lookup(hostname, { all: true, verbatim: false })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

export interface WebhookRequestOptions {
  /** WEBHOOK_ALLOW_PRIVATE: the demo and the tests post to this machine. */
  allowPrivate: boolean;
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** Tests put a resolver of their own here; the default asks the system (getaddrinfo). */
  resolve?: Resolver;
}

export interface WebhookResponse {
  status: number;
  /** The first maxResponseBytes of the answer, as UTF-8. */
  body: string;
  truncated: boolean;
}

/** A request that got no 2xx: `status` when the server answered, `refused` when we would not call it. */
export class WebhookRequestError extends Error {
  constructor(
    message: string,
    readonly details: { status?: number; refused?: boolean } = {},
  ) {
    super(message);
    this.name = "WebhookRequestError";
  }
}

/** A URL a webhook may be: http(s), a host, no credentials. Throws WebhookRequestError (refused) otherwise. */
export function parseWebhookUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new WebhookRequestError("not a URL", { refused: true });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new WebhookRequestError("only http and https URLs can receive webhooks", { refused: true });
  if (url.username || url.password)
    throw new WebhookRequestError("a webhook URL cannot carry a user name or password", { refused: true });
  if (!url.hostname) throw new WebhookRequestError("the URL has no host", { refused: true });
  return url;
}

/** The address to connect to: the literal, or the first the name resolves to, each checked unless private ones are allowed. */
export async function resolveWebhookTarget(url: URL, options: WebhookRequestOptions): Promise<ResolvedAddress> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const family = net.isIP(host);
  const refuse = (address: string) =>
    new WebhookRequestError(
      `${url.hostname}${address === host ? "" : ` (${address})`} is a loopback, private or link-local address: webhooks cannot reach it`,
      { refused: true },
    );
  if (family !== 0) {
    if (!options.allowPrivate && isForbiddenAddress(host)) throw refuse(host);
    return { address: host, family: family === 6 ? 6 : 4 };
  }
  let addresses: ResolvedAddress[];
  try {
    addresses = await (options.resolve ?? systemResolver)(host);
  } catch (error) {
    throw new WebhookRequestError(`${host} did not resolve: ${(error as Error).message}`);
  }
  if (addresses.length === 0) throw new WebhookRequestError(`${host} did not resolve`);
  if (!options.allowPrivate) {
    // One forbidden answer is enough to refuse: which one a client picks is not ours to know.
    const bad = addresses.find((a) => isForbiddenAddress(a.address));
    if (bad) throw refuse(bad.address);
  }
  return addresses[0]!;
}

/** POSTs `body`; resolves with a 2xx answer, rejects with WebhookRequestError otherwise. */
export async function postWebhook(
  urlText: string,
  body: string,
  headers: Record<string, string>,
  options: WebhookRequestOptions,
): Promise<WebhookResponse> {
  const url = parseWebhookUrl(urlText);
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const cap = options.maxResponseBytes ?? WEBHOOK_MAX_RESPONSE_BYTES;
  const deadline = Date.now() + timeoutMs;
  const target = await resolveWebhookTarget(url, options);
  const remaining = deadline - Date.now();
  if (remaining <= 0) throw new WebhookRequestError(`no answer within ${timeoutMs / 1000} s`);
  const client = url.protocol === "https:" ? https : http;
  return new Promise<WebhookResponse>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | null, response?: WebhookResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(response!);
    };
    const request = client.request(
      {
        method: "POST",
        protocol: url.protocol,
        hostname: target.address,
        family: target.family,
        port: url.port || (url.protocol === "https:" ? 443 : 80),
        path: `${url.pathname}${url.search}`,
        // TLS still checks the certificate against the name the subscriber gave.
        servername: net.isIP(url.hostname.replace(/^\[|\]$/g, "")) ? undefined : url.hostname,
        agent: false,
        headers: {
          ...headers,
          host: url.host,
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(body)),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        const done = () => {
          const status = response.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString("utf8");
          if (status >= 200 && status < 300) finish(null, { status, body: text, truncated });
          else finish(new WebhookRequestError(`HTTP ${status}${text ? `: ${text.slice(0, 200)}` : ""}`, { status }));
        };
        response.on("data", (chunk: Buffer) => {
          if (truncated) return;
          const room = cap - size;
          if (chunk.length >= room) {
            chunks.push(chunk.subarray(0, room));
            size = cap;
            truncated = true;
            // Enough read: what follows is not ours to buffer.
            done();
            response.destroy();
            return;
          }
          chunks.push(chunk);
          size += chunk.length;
        });
        response.on("end", done);
        response.on("error", (error) => finish(new WebhookRequestError(error.message)));
      },
    );
    const timer = setTimeout(() => {
      request.destroy();
      finish(new WebhookRequestError(`no answer within ${timeoutMs / 1000} s`));
    }, remaining);
    request.on("error", (error) => finish(new WebhookRequestError(error.message)));
    request.end(body);
  });
}
