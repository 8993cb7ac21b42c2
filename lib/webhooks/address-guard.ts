// Which addresses a webhook may reach. A subscriber chooses the URL, so
// without this rule anyone could make the server call its own loopback,
// the cloud metadata service (169.254.169.254) or the private network.
// Refused: loopback, private, link-local, shared (CGNAT), unspecified,
// multicast, reserved and documentation ranges, in IPv4 and IPv6, and IPv6
// forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are
// judged by the IPv4 address inside. Pure, so it is tested on plain inputs.
import net from "node:net";

const V4_BLOCKED: [string, number][] = [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // shared address space (CGNAT)
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local, incl. cloud metadata
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, incl. broadcast
];

function v4ToNumber(address: string): number {
  return address.split(".").reduce((n, part) => n * 256 + Number(part), 0);
}

function v4Blocked(address: string): boolean {
  const n = v4ToNumber(address);
  return V4_BLOCKED.some(([base, prefix]) => {
    const size = 2 ** (32 - prefix);
    const start = v4ToNumber(base);
    return n >= start && n < start + size;
  });
}

/** An IPv6 address as 8 groups of 16 bits; null when it is not one. */
export function ipv6Groups(address: string): number[] | null {
  let text = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (net.isIPv6(text) === false) return null;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const n = v4ToNumber(dotted[1]!);
    text = `${text.slice(0, -dotted[1]!.length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const parse = (s: string | undefined) => (s ? s.split(":").map((g) => Number.parseInt(g, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
  return groups.length === 8 ? groups : null;
}

function embeddedV4(groups: number[]): string {
  const hi = groups[6]!;
  const lo = groups[7]!;
  return `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
}

function v6Blocked(groups: number[]): boolean {
  const [g0, g1, g2, g3, g4, g5] = groups as [number, number, number, number, number, number];
  const zeroUpTo5 = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d
  if (zeroUpTo5 && g5 === 0) return groups[6] === 0 || v4Blocked(embeddedV4(groups));
  // IPv4-mapped ::ffff:a.b.c.d, and SIIT's ::ffff:0:a.b.c.d
  if (zeroUpTo5 && g5 === 0xffff) return v4Blocked(embeddedV4(groups));
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0xffff && g5 === 0) return v4Blocked(embeddedV4(groups));
  // NAT64 64:ff9b::/96 and 64:ff9b:1::/48
  if (g0 === 0x64 && g1 === 0xff9b) return g2 === 1 || v4Blocked(embeddedV4(groups));
  // 6to4 2002:aabb:ccdd::/16 carries aa.bb.cc.dd
  if (g0 === 0x2002) return v4Blocked(`${g1 >> 8}.${g1 & 0xff}.${g2 >> 8}.${g2 & 0xff}`);
  if ((g0 & 0xfe00) === 0xfc00) return true; // unique local fc00::/7
  if ((g0 & 0xffc0) === 0xfe80) return true; // link-local fe80::/10
  if ((g0 & 0xffc0) === 0xfec0) return true; // site-local fec0::/10 (deprecated)
  if ((g0 & 0xff00) === 0xff00) return true; // multicast
  if (g0 === 0x2001 && g1 === 0x0db8) return true; // documentation
  if (g0 === 0x2001 && g1 < 0x0200) return true; // IETF protocol assignments (Teredo, ORCHID, …)
  if (g0 === 0x100 && g1 === 0 && g2 === 0 && g3 === 0) return true; // discard-only 100::/64
  return false;
}

/** True when a webhook must not connect to this IP address (any form Node accepts); a non-address is refused too. */
export function isForbiddenAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "");
  if (net.isIPv4(bare)) return v4Blocked(bare);
  const groups = ipv6Groups(bare);
  return groups === null ? true : v6Blocked(groups);
}
