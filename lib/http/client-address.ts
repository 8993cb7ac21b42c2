// Who is asking: the address rate limits and the demo mailbox go by. Forwarding
// headers are believed only from TRUSTED_PROXIES; anyone else's X-Forwarded-For
// is ignored, so a new value on each request cannot make a new client.
import net from "node:net";

/** Set by the web server (lib/http/front-door.ts) on every request it hands to Next; a client's own value is dropped. */
export const CLIENT_ADDRESS_HEADER = "x-bellwether-client-address";
/** "1" when the request came straight from this machine: a loopback peer and no proxy's headers (Next adds its own x-forwarded-* later). */
export const CLIENT_LOCAL_HEADER = "x-bellwether-client-local";

const FORWARDING_HEADERS = ["x-forwarded-for", "forwarded", "x-real-ip", "x-forwarded-host"];

/** A loopback peer that no proxy speaks for: someone at this machine, not a reverse proxy passing a remote reader on. */
export function isDirectLoopback(
  peer: string | undefined,
  headers: Record<string, string | string[] | undefined>,
): boolean {
  return isLoopback(peer ?? "") && !FORWARDING_HEADERS.some((name) => headers[name] !== undefined);
}

/** No proxy (the socket is the client), N proxies in front (hop count), or the proxies' addresses. */
export type TrustedProxies =
  | { kind: "none" }
  | { kind: "hops"; count: number }
  | { kind: "cidrs"; list: net.BlockList; text: string };

const CIDR = /^([0-9a-f.:]+)(?:\/(\d{1,3}))?$/i;

/** Parses TRUSTED_PROXIES: empty, a hop count ("1"), or a comma-separated list of addresses and CIDRs. Throws on anything else. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const text = (value ?? "").trim();
  if (text === "") return { kind: "none" };
  if (/^\d+$/.test(text)) {
    const count = Number(text);
    if (count < 1 || count > 10) throw new Error("a hop count must be between 1 and 10");
    return { kind: "hops", count };
  }
  const list = new net.BlockList();
  for (const part of text.split(",").map((p) => p.trim())) {
    const match = CIDR.exec(part);
    const family = match ? net.isIP(match[1]!) : 0;
    if (!match || family === 0) throw new Error(`"${part}" is neither an address nor a CIDR such as 10.0.0.0/8`);
    const prefix = match[2] === undefined ? (family === 4 ? 32 : 128) : Number(match[2]);
    if (prefix > (family === 4 ? 32 : 128)) throw new Error(`"${part}" has a prefix longer than the address`);
    list.addSubnet(match[1]!, prefix, family === 4 ? "ipv4" : "ipv6");
  }
  return { kind: "cidrs", list, text };
}

/** "::ffff:10.0.0.1" is 10.0.0.1: one client, one key. */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim().replace(/^\[(.*)\]$/, "$1");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return (mapped ? mapped[1]! : trimmed).toLowerCase();
}

function isTrusted(list: net.BlockList, address: string): boolean {
  const family = net.isIP(address);
  return family !== 0 && list.check(address, family === 4 ? "ipv4" : "ipv6");
}

/**
 * The client behind a request. Without trusted proxies it is the socket's
 * peer. With a hop count N, it is the entry N places from the right of
 * X-Forwarded-For + the peer. With CIDRs, it is the rightmost entry that is
 * not a trusted proxy, provided the peer itself is one.
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | undefined,
  trusted: TrustedProxies,
): string {
  const socket = normalizeAddress(peer ?? "") || "unknown";
  if (trusted.kind === "none" || !forwardedFor) return socket;
  const chain = [
    ...forwardedFor
      .split(",")
      .map(normalizeAddress)
      .filter((a) => net.isIP(a) !== 0),
    socket,
  ];
  if (trusted.kind === "hops") return chain[chain.length - 1 - trusted.count] ?? chain[0]!;
  if (!isTrusted(trusted.list, socket)) return socket;
  for (let i = chain.length - 2; i >= 0; i--) if (!isTrusted(trusted.list, chain[i]!)) return chain[i]!;
  return chain[0]!;
}

export function isLoopback(address: string): boolean {
  const a = normalizeAddress(address);
  return a === "::1" || (net.isIP(a) === 4 && a.startsWith("127."));
}

interface HeaderReader {
  get(name: string): string | null;
}

/** The client address the web server determined; "unknown" when Next runs without it (then every request shares one limit). */
export function clientAddressOf(headers: HeaderReader): string {
  return headers.get(CLIENT_ADDRESS_HEADER) || "unknown";
}
