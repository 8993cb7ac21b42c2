"use client";
// Pick the affected components in each region, each with the status the
// incident gives it. One labelled select per component × region.
import { STATUS_LABEL } from "@/lib/domain/status.ts";
import type { ComponentStatus } from "@/lib/domain/status.ts";
import type { PickerData } from "./picker-data.ts";

const CHOICES: ComponentStatus[] = ["major_outage", "partial_outage", "degraded_performance", "operational"];

export function ComponentRegionPicker({
  data,
  selected,
  error,
}: {
  data: PickerData;
  selected: Record<string, string>;
  error?: string;
}) {
  return (
    <fieldset
      className="space-y-4"
      aria-describedby={error ? "affected-error" : "affected-hint"}
      data-testid="affected-picker"
    >
      <legend className="font-medium">Affected components, by region</legend>
      <p id="affected-hint" className="text-sm text-slate-600 dark:text-slate-400">
        Choose the status this incident gives each affected component in each region. Readers see it instead of what
        probes measure, until the incident is resolved.
      </p>
      {error && (
        <p id="affected-error" className="text-sm font-medium text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {data.products.map((product) => (
        <fieldset key={product.key} className="rounded-lg border border-slate-200 p-3 dark:border-slate-800">
          <legend className="px-1 font-semibold">{product.name}</legend>
          <ul className="space-y-3">
            {product.components.map((component) => (
              <li key={component.key} data-component={component.key}>
                <p className="text-sm font-medium">
                  {component.name}{" "}
                  <span className="text-xs text-slate-600 dark:text-slate-400">
                    {component.tier === "TIER_1" ? "Tier 1" : "Tier 2"}
                  </span>
                </p>
                <div className="mt-1 grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-3">
                  {component.cells.map((cell) => {
                    const id = `cr-${cell.componentRegionId}`;
                    return (
                      <div key={cell.componentRegionId} className="text-sm">
                        <label htmlFor={id} className="block text-xs text-slate-700 dark:text-slate-300">
                          <span className="sr-only">{component.name} in </span>
                          {cell.regionKey}
                          <span className="text-slate-500 dark:text-slate-400">
                            {" "}
                            · now {cell.current ? STATUS_LABEL[cell.current].toLowerCase() : "no data"}
                          </span>
                        </label>
                        <select
                          id={id}
                          name={`cr.${cell.componentRegionId}`}
                          defaultValue={selected[cell.componentRegionId] ?? ""}
                          data-region={cell.regionKey}
                          className="mt-0.5 w-full rounded border border-slate-400 bg-white px-2 py-1.5 dark:border-slate-600 dark:bg-slate-900"
                        >
                          <option value="">Not affected</option>
                          {CHOICES.map((status) => (
                            <option key={status} value={status}>
                              {STATUS_LABEL[status]}
                            </option>
                          ))}
                        </select>
                      </div>
                    );
                  })}
                </div>
              </li>
            ))}
          </ul>
        </fieldset>
      ))}
    </fieldset>
  );
}
