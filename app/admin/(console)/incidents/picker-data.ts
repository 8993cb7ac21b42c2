// What the affected-component picker offers: every component in every region
// it runs in, with the status readers see now, tier 1 first within a product.
import type { Tier } from "@/lib/domain/priority.ts";
import type { ComponentStatus } from "@/lib/domain/status.ts";
import type { StatusOverview } from "@/lib/public/overview.ts";

export interface PickerCell {
  componentRegionId: string;
  regionKey: string;
  /** What readers see now; null: no data yet. */
  current: ComponentStatus | null;
}

export interface PickerComponent {
  key: string;
  name: string;
  tier: Tier;
  cells: PickerCell[];
}

export interface PickerData {
  products: { key: string; name: string; components: PickerComponent[] }[];
}

export function pickerData(overview: StatusOverview): PickerData {
  return {
    products: overview.products.map((product) => ({
      key: product.key,
      name: product.name,
      components: product.components.map((component) => ({
        key: component.key,
        name: component.name,
        tier: component.tier,
        cells: component.cells.flatMap((cell) =>
          cell ? [{ componentRegionId: cell.componentRegionId, regionKey: cell.regionKey, current: cell.status }] : [],
        ),
      })),
    })),
  };
}

/** The form's `cr.<id>` fields, as the library's affected list. */
export function chosenComponentRegions(
  values: Record<string, string | string[]>,
): { componentRegionId: string; status: string }[] {
  return Object.entries(values)
    .filter(
      (entry): entry is [string, string] =>
        entry[0].startsWith("cr.") && typeof entry[1] === "string" && entry[1] !== "",
    )
    .map(([key, status]) => ({ componentRegionId: key.slice(3), status }));
}

/** The picker's message: the first error on componentRegions or any of its entries. */
export function affectedError(fields: Record<string, string[]> | undefined): string | undefined {
  const key = Object.keys(fields ?? {}).find((k) => k.startsWith("componentRegions"));
  return key ? fields?.[key]?.[0] : undefined;
}

/** `cr.<id>` form values back to the picker's selection. */
export function selectedFrom(values: Record<string, string | string[]> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values ?? {})
      .filter((e): e is [string, string] => e[0].startsWith("cr.") && typeof e[1] === "string")
      .map(([k, v]) => [k.slice(3), v]),
  );
}
