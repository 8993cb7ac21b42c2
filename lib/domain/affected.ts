// What an incident or maintenance touches, said briefly: each component once,
// with the regions it is affected in. Pure.

export interface AffectedComponentRegion {
  componentKey: string;
  componentName: string;
  regionKey: string;
}

export interface AffectedComponent {
  componentKey: string;
  componentName: string;
  regionKeys: string[];
}

/** In the order the component-regions come (callers sort them by tier and region). */
export function groupAffectedByComponent(affected: readonly AffectedComponentRegion[]): AffectedComponent[] {
  const byComponent = new Map<string, AffectedComponent>();
  for (const a of affected) {
    const entry = byComponent.get(a.componentKey) ?? {
      componentKey: a.componentKey,
      componentName: a.componentName,
      regionKeys: [],
    };
    if (!entry.regionKeys.includes(a.regionKey)) entry.regionKeys.push(a.regionKey);
    byComponent.set(a.componentKey, entry);
  }
  return [...byComponent.values()];
}
