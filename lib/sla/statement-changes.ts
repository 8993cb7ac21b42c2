// Which figures a restatement changes, before → after. Pure. Only what a
// reader of the statement sees counts; when the stamp (revision, dates) is
// all that differs, nothing changed and there is nothing to restate.
import type { FigureChange, Statement } from "./types.ts";

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function compareFields(
  changes: FigureChange[],
  prefix: string,
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
): void {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort();
  for (const key of keys) {
    const a = before?.[key] ?? null;
    const b = after?.[key] ?? null;
    if (!same(a, b)) changes.push({ field: `${prefix}${key}`, before: a, after: b });
  }
}

/** Rows of a table by their key; a row present on one side only is reported as added or removed. */
function compareRows<T extends object>(
  changes: FigureChange[],
  table: string,
  before: readonly T[],
  after: readonly T[],
  key: (row: T) => string,
  labelOf: (row: T) => string,
  fields: (row: T) => Record<string, unknown>,
): void {
  const a = new Map(before.map((row) => [key(row), row]));
  const b = new Map(after.map((row) => [key(row), row]));
  for (const [k, row] of a)
    if (!b.has(k)) changes.push({ field: `${table}[${labelOf(row)}]`, before: "listed", after: null });
  for (const [k, row] of b) {
    const old = a.get(k);
    if (!old) changes.push({ field: `${table}[${labelOf(row)}]`, before: null, after: "listed" });
    else compareFields(changes, `${table}[${labelOf(row)}].`, fields(old), fields(row));
  }
}

export function statementChanges(before: Statement, after: Statement): FigureChange[] {
  const changes: FigureChange[] = [];
  compareFields(
    changes,
    "",
    before.figures as unknown as Record<string, unknown>,
    after.figures as unknown as Record<string, unknown>,
  );
  compareFields(
    changes,
    "contract.",
    { ...before.header.contract, id: undefined },
    { ...after.header.contract, id: undefined },
  );
  compareFields(
    changes,
    "",
    { targetPercent: before.header.targetPercent, monthRule: before.header.monthRule },
    { targetPercent: after.header.targetPercent, monthRule: after.header.monthRule },
  );
  compareRows(
    changes,
    "componentRegions",
    before.componentRegions,
    after.componentRegions,
    (cr) => cr.componentRegionId,
    (cr) => `${cr.componentName} · ${cr.regionKey}`,
    ({
      availabilityPercent,
      downtimeMinutes,
      unknownMinutes,
      excludedMaintenanceMinutes,
      countedMaintenanceMinutes,
      minutesByStatus,
    }) => ({
      availabilityPercent,
      downtimeMinutes,
      unknownMinutes,
      excludedMaintenanceMinutes,
      countedMaintenanceMinutes,
      ...minutesByStatus,
    }),
  );
  compareRows(
    changes,
    "incidents",
    before.incidents,
    after.incidents,
    (i) => i.id,
    (i) => i.title,
    ({ title, priority, chargedMinutes, durationMinutes, postmortemUrl }) => ({
      title,
      priority,
      chargedMinutes,
      durationMinutes,
      postmortemUrl,
    }),
  );
  compareRows(
    changes,
    "maintenance",
    before.maintenance,
    after.maintenance,
    (m) => m.id,
    (m) => m.title,
    ({ decision, excludedMinutes, countedMinutes }) => ({ decision, excludedMinutes, countedMinutes }),
  );
  const gapMinutes = (s: Statement) => s.dataGaps.reduce((sum, g) => sum + g.minutes, 0);
  if (before.dataGaps.length !== after.dataGaps.length || gapMinutes(before) !== gapMinutes(after)) {
    changes.push({
      field: "dataGaps",
      before: `${before.dataGaps.length} gaps, ${gapMinutes(before)} min`,
      after: `${after.dataGaps.length} gaps, ${gapMinutes(after)} min`,
    });
  }
  return changes;
}
