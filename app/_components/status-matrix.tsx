// One product's components × the regions they run in. A table on wide
// screens; on a phone each component becomes a card with one line per region,
// so that a region's name always sits next to its status. Explicit ARIA roles
// keep the table's semantics when CSS lays it out as blocks.
import { cache, type ReactElement } from "react";
import type { DayIncident } from "@/lib/domain/uptime-days.ts";
import type { OverviewComponent, OverviewRegion } from "@/lib/public/overview.ts";
import type { ComponentRegionUptime } from "@/lib/public/uptime.ts";
import { html, inner } from "@/lib/public/html.ts";
import { statusLabelHtml } from "./status-icon.tsx";
import { stripModel, uptimeBarsHtml } from "./uptime-bars.tsx";

/**
 * Per request: cells that look the same share one element object, which the
 * RSC payload then writes once and refers to (on a calm day, all 125 strips).
 */
const sharedElements = cache(() => new Map<string, ReactElement>());
function shared(key: string, make: () => ReactElement): ReactElement {
  const elements = sharedElements();
  let element = elements.get(key);
  if (!element) {
    element = make();
    elements.set(key, element);
  }
  return element;
}

/**
 * Safari drops a table's semantics once CSS changes its display (the phone
 * layout); explicit roles restore them. Spread, because a linter reading
 * only the markup takes them for redundant.
 */
const ROLE = {
  table: { role: "table" },
  rowgroup: { role: "rowgroup" },
  row: { role: "row" },
  columnheader: { role: "columnheader" },
  rowheader: { role: "rowheader" },
  cell: { role: "cell" },
} as const;

export function TierBadge({ tier }: { tier: OverviewComponent["tier"] }) {
  const tier1 = tier === "TIER_1";
  return (
    <span
      className={`tier-badge ${tier1 ? "tier-1" : "tier-2"}`}
      title={tier1 ? "Tier 1: enables primary use of the platform" : "Tier 2: enhances use of the platform"}
    >
      {tier1 ? "Tier 1" : "Tier 2"}
    </span>
  );
}

export function StatusMatrix({
  name,
  regions,
  components,
  uptime,
  incidentDays,
}: {
  name: string;
  regions: readonly OverviewRegion[];
  components: readonly OverviewComponent[];
  uptime: ReadonlyMap<string, ComponentRegionUptime>;
  incidentDays: ReadonlyMap<string, ReadonlyMap<string, readonly DayIncident[]>>;
}) {
  const shown = regions
    .map((region, i) => ({ region, i }))
    .filter(({ i }) => components.some((c) => c.cells[i] !== null));
  return (
    <section
      className="rounded-lg focus:outline-2 focus:outline-offset-2 focus:outline-sky-600 md:overflow-x-auto md:border md:border-slate-200 md:dark:border-slate-800"
      aria-label={`${name} status by region`}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users must be able to scroll a wide table (WCAG 2.1.1)
      tabIndex={0}
    >
      <table {...ROLE.table} className="w-full border-collapse text-left text-sm max-md:block md:min-w-[40rem]">
        <caption className="sr-only">{name}: status of each component in each region</caption>
        <thead {...ROLE.rowgroup} className="bg-slate-50 max-md:sr-only dark:bg-slate-900">
          <tr {...ROLE.row}>
            <th {...ROLE.columnheader} scope="col" className="px-3 py-2 font-semibold">
              Component
            </th>
            {shown.map(({ region }) => (
              <th {...ROLE.columnheader} key={region.key} scope="col" className="px-3 py-2 font-semibold">
                <a
                  className="block whitespace-nowrap underline decoration-slate-400 underline-offset-2"
                  href={`/regions/${region.key}`}
                >
                  {region.key}
                </a>
                <span className="block text-xs font-normal text-slate-600 dark:text-slate-400">{region.name}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody {...ROLE.rowgroup} className="max-md:block max-md:space-y-3">
          {components.map((component) => (
            <tr {...ROLE.row} key={component.key} className="matrix-row" data-component={component.key}>
              <th {...ROLE.rowheader} scope="row" className="matrix-rowheader">
                <a className="underline decoration-slate-400 underline-offset-2" href={`/components/${component.key}`}>
                  {component.name}
                </a>
                <TierBadge tier={component.tier} />
                {component.description && (
                  <span className="muted block text-xs font-normal max-md:hidden">{component.description}</span>
                )}
              </th>
              {shown.map(({ region, i }) => {
                const cell = component.cells[i];
                const cellUptime = cell ? uptime.get(cell.componentRegionId) : undefined;
                return (
                  <td {...ROLE.cell} key={region.key} className="matrix-cell" data-region={region.key}>
                    <span className="matrix-region" aria-hidden="true">
                      {region.key}
                    </span>
                    {cell ? (
                      (() => {
                        const model =
                          cellUptime &&
                          stripModel(
                            cellUptime.bars,
                            cellUptime.availability,
                            incidentDays.get(cell.componentRegionId),
                          );
                        // Built as markup (html.ts); cells that look the same share one element.
                        return shared(`${cell.status}|${model ? model.key : ""}`, () => (
                          <div
                            className="matrix-status"
                            {...inner(
                              html`${statusLabelHtml(cell.status, { compact: true })}${model && uptimeBarsHtml(model)}`,
                            )}
                          />
                        ));
                      })()
                    ) : (
                      <span className="muted text-xs">Not hosted here</span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
