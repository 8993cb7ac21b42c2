// Who the public interfaces speak for: the page's name, address and id.
import { createHash } from "node:crypto";
import { getEnv } from "../env.ts";

export interface PublicSite {
  name: string;
  /** PUBLIC_URL without a trailing slash; every link starts with it. */
  url: string;
  /** Statuspage's page id: stable for one address, different between deployments. */
  pageId: string;
  /** Every time Bellwether shows is UTC. */
  timeZone: string;
}

export const PAGE_NAME = "Bellwether";

export function siteFor(publicUrl: string): PublicSite {
  const url = publicUrl.replace(/\/+$/, "");
  return {
    name: PAGE_NAME,
    url,
    pageId: createHash("sha256").update(url).digest("hex").slice(0, 12),
    timeZone: "Etc/UTC",
  };
}

export function publicSite(): PublicSite {
  return siteFor(getEnv().PUBLIC_URL);
}
