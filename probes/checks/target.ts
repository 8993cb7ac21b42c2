// Parsing a probe's target. Pure; a bad target is a CheckTargetError, which
// runCheck reports as a "down" result rather than letting it escape.
import { isIP } from "node:net";

export class CheckTargetError extends Error {
  override name = "CheckTargetError";
}

export interface HostPort {
  host: string;
  port: number;
}

/** `host:port`, `1.2.3.4:port` or `[::1]:port`. */
export function parseHostPort(target: string): HostPort {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^\s:[\]]+)):(\d{1,5})$/.exec(target.trim());
  const host = match?.[1] ?? match?.[2];
  const port = Number(match?.[3]);
  if (!match || host === undefined || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new CheckTargetError(`invalid target "${target}", expected host:port`);
  }
  if (match[1] !== undefined && isIP(host) !== 6) throw new CheckTargetError(`invalid IPv6 address in "${target}"`);
  return { host, port };
}

/** An absolute http(s) URL. */
export function parseHttpUrl(target: string): URL {
  let url: URL;
  try {
    url = new URL(target.trim());
  } catch {
    throw new CheckTargetError(`invalid target "${target}", expected an http(s) URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new CheckTargetError(`invalid target "${target}", expected an http(s) URL`);
  }
  return url;
}

/** A DNS name (a trailing dot is allowed); IP addresses are not names. */
export function parseHostname(target: string): string {
  const name = target.trim().replace(/\.$/, "");
  const label = /^(?!-)[A-Za-z0-9_-]{1,63}(?<!-)$/;
  if (
    name.length === 0 ||
    name.length > 253 ||
    isIP(name) !== 0 ||
    !name.split(".").every((part) => label.test(part))
  ) {
    throw new CheckTargetError(`invalid target "${target}", expected a hostname`);
  }
  return name;
}
