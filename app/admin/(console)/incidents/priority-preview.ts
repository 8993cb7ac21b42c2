// The priority an incident will get from the form as it stands (the same
// pure function the library uses), so an engineer sees it before saving.
import { highestTier, incidentPriority } from "@/lib/domain/priority.ts";
import type { IncidentImpact, Priority, Tier } from "@/lib/domain/priority.ts";
import type { PickerData } from "./picker-data.ts";

const IMPACTS = new Set<string>(["none", "minor", "major", "critical"]);

export function previewPriority(
  data: PickerData,
  form: FormData,
): { priority: Priority; tier: Tier; regions: number } | null {
  const impact = form.get("impact");
  if (typeof impact !== "string" || !IMPACTS.has(impact)) return null;
  const tiers: Tier[] = [];
  const regions = new Set<string>();
  for (const product of data.products) {
    for (const component of product.components) {
      for (const cell of component.cells) {
        if (form.get(`cr.${cell.componentRegionId}`)) {
          tiers.push(component.tier);
          regions.add(cell.regionKey);
        }
      }
    }
  }
  if (tiers.length === 0) return null;
  const tier = highestTier(tiers);
  return {
    priority: incidentPriority({ tier, impact: impact as IncidentImpact, regions: regions.size }),
    tier,
    regions: regions.size,
  };
}
