// Where a subscriber stands, and what the console may show of their address.
// Pure: the subscribers console, its CSV export and the tests share these.

export const SUBSCRIBER_STATES = ["pending", "confirmed", "unsubscribed", "suppressed"] as const;
export type SubscriberState = (typeof SUBSCRIBER_STATES)[number];

/**
 * Suppressed (a hard bounce or complaint) outranks unsubscribed, which
 * outranks confirmed: each stops delivery, and the console names the reason
 * that would have to be undone first. Never confirmed is pending.
 */
export function subscriberState(row: {
  confirmedAt: Date | null;
  unsubscribedAt: Date | null;
  suppressedAt: Date | null;
}): SubscriberState {
  if (row.suppressedAt) return "suppressed";
  if (row.unsubscribedAt) return "unsubscribed";
  if (row.confirmedAt) return "confirmed";
  return "pending";
}

export const SCOPE_KINDS = ["everything", "chosen", "incident", "none"] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

/** Everything; chosen regions/components; one or more incidents alone; nothing left (a follow that ended). */
export function scopeKind(row: {
  scopeAll: boolean;
  regionCount: number;
  componentCount: number;
  incidentCount: number;
}): ScopeKind {
  if (row.scopeAll) return "everything";
  if (row.regionCount + row.componentCount > 0) return "chosen";
  return row.incidentCount > 0 ? "incident" : "none";
}

/**
 * An address as a VIEWER sees it: enough to tell rows apart, not enough to
 * write to. Email: first letter and the top-level domain ("a•••@e•••.com");
 * webhook: the scheme and host's last label only ("https://•••.com/•••").
 */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf("@");
  if (at > 0 && !address.includes("://")) {
    const domain = address.slice(at + 1);
    const dot = domain.lastIndexOf(".");
    const tld = dot >= 0 ? domain.slice(dot) : "";
    return `${address[0]}•••@${domain[0] ?? ""}•••${tld}`;
  }
  try {
    const url = new URL(address);
    const dot = url.hostname.lastIndexOf(".");
    return `${url.protocol}//•••${dot >= 0 ? url.hostname.slice(dot) : ""}/•••`;
  } catch {
    return "•••";
  }
}
