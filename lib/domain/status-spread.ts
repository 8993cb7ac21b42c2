// One sentence for how a component fares across its regions (or a region
// across its components): the trouble by name, the rest by count. Pure.
import { type ComponentStatus, NO_DATA_LABEL, STATUS_LABEL, STATUS_SEVERITY } from "./status.ts";

export interface Placed {
  status: ComponentStatus | null;
  /** Where, or what: a region key or a component name. */
  name: string;
}

/** Up to this many names are listed for a status; more are counted. */
const NAMED = 3;

/**
 * "Major outage in us-central1.gcp; operational in the other 3 regions."
 * Worst first; operational last; regions without data are counted apart.
 */
export function describeSpread(items: readonly Placed[], noun: { one: string; many: string }): string {
  if (items.length === 0) return `No ${noun.many}.`;
  const groups = new Map<ComponentStatus | null, string[]>();
  for (const item of items) groups.set(item.status, [...(groups.get(item.status) ?? []), item.name]);
  const count = (n: number) => `${n} ${n === 1 ? noun.one : noun.many}`;
  const troubled = [...groups.keys()]
    .filter((s): s is ComponentStatus => s !== null && s !== "operational")
    .sort((a, b) => STATUS_SEVERITY[b] - STATUS_SEVERITY[a]);

  const parts = troubled.map((status) => {
    const names = groups.get(status)!;
    return `${STATUS_LABEL[status]} in ${names.length <= NAMED ? names.join(", ") : count(names.length)}`;
  });
  const operational = groups.get("operational")?.length ?? 0;
  if (operational > 0) {
    parts.push(
      operational === items.length
        ? `Operational in ${operational === 1 ? `its only ${noun.one}` : `all ${count(operational)}`}`
        : `operational in ${parts.length > 0 ? "the other " : ""}${count(operational)}`,
    );
  }
  const unknown = groups.get(null)?.length ?? 0;
  if (unknown > 0)
    parts.push(
      `${NO_DATA_LABEL.toLowerCase()} in ${unknown === items.length && unknown > 1 ? `all ${count(unknown)}` : count(unknown)}`,
    );
  const sentence = parts.join("; ");
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}
