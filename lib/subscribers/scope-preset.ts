// "Subscribe to this region / component": the scope the subscribe form opens
// with, from the keys in its link. Unknown keys are ignored: the form opens on "everything".
import type { SubscriberScope } from "../domain/scoping.ts";
import type { SubscriptionChoices } from "./scope.ts";

export function presetScope(
  choices: SubscriptionChoices,
  keys: { region?: string; component?: string },
): { scope: SubscriberScope; label: string } | null {
  const region = keys.region ? choices.regions.find((r) => r.key === keys.region) : undefined;
  const component = keys.component ? choices.components.find((c) => c.key === keys.component) : undefined;
  if (!region && !component) return null;
  const label = [component?.name, region ? `${region.key} (${region.name})` : undefined].filter(Boolean).join(" in ");
  return {
    scope: {
      all: false,
      tier1Only: false,
      regionIds: region ? [region.id] : [],
      componentIds: component ? [component.id] : [],
    },
    label,
  };
}
