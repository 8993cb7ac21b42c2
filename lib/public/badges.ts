// Which status a badge shows: one component in one region, or a component
// across every region it runs in (the worst measured one).
import type { Db } from "../db.ts";
import { worstStatus } from "../domain/status.ts";
import { AppError } from "../errors.ts";
import type { BadgeStatus } from "./badge.ts";
import { loadPublicComponentRegions } from "./component-regions.ts";
import { componentRegionName } from "./statuspage-shape.ts";

export interface BadgeFacts {
  label: string;
  status: BadgeStatus;
}

export async function badgeFacts(db: Db, componentKey: string, regionKey?: string): Promise<BadgeFacts> {
  const component = await db.component.findUnique({ where: { key: componentKey }, select: { name: true } });
  if (!component) throw new AppError("NOT_FOUND", `There is no component "${componentKey}".`);
  if (regionKey !== undefined) {
    const region = await db.region.findUnique({ where: { key: regionKey }, select: { key: true } });
    if (!region) throw new AppError("NOT_FOUND", `There is no region "${regionKey}".`);
  }
  const rows = await loadPublicComponentRegions(db, { componentKey, regionKey });
  if (regionKey !== undefined && rows.length === 0)
    throw new AppError("NOT_FOUND", `${component.name} does not run in ${regionKey}.`);
  // Unlike the Statuspage API, a badge can say "no data" rather than claim "operational".
  const status = worstStatus(rows.flatMap((r) => (r.status ? [r.status] : []))) ?? "no_data";
  return { label: regionKey === undefined ? component.name : componentRegionName(component.name, regionKey), status };
}

/** The key in a badge URL's last segment: "checkout.svg" → "checkout". Anything else is not a badge. */
export function svgKey(segment: string): string {
  if (!segment.endsWith(".svg") || segment.length <= 4)
    throw new AppError("NOT_FOUND", "Badges end in .svg, e.g. /badge/checkout.svg.");
  return segment.slice(0, -4);
}
