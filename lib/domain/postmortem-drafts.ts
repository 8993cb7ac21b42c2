// First drafts of the sections the record can write: Summary, Impact's
// opening, Detection, and Mitigation and resolution. Pure; an engineer edits
// them. Times are UTC, as everywhere in the product.
import { type ImpactReport, impactMarkdown, worstMeasuredStatus } from "./postmortem-impact.ts";
import { componentRegionName, type FirstFailure, type RecordFacts } from "./postmortem-timeline.ts";
import { responseTimes } from "./response-metrics.ts";
import { STATUS_LABEL } from "./status.ts";
import { formatDuration, formatUtcDateTime, formatUtcTime } from "./time-display.ts";

const duration = (ms: number | null) => (ms === null ? "not reached" : formatDuration(ms));

function affectedList(facts: RecordFacts): string {
  const names = facts.componentRegions.map(componentRegionName);
  if (names.length <= 1) return names[0] ?? "no component";
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

function span(facts: RecordFacts, now: Date): string {
  const { startedAt, resolvedAt } = facts.incident;
  const end = resolvedAt ?? now;
  return `from ${formatUtcDateTime(startedAt)} to ${resolvedAt ? formatUtcTime(resolvedAt) : "now (still open)"} (${formatDuration(Math.max(0, end.getTime() - startedAt.getTime()))})`;
}

export function summaryDraft(facts: RecordFacts, report: ImpactReport | null, now: Date): string {
  const worst = report ? worstMeasuredStatus(report) : null;
  const lines = [
    `${facts.incident.title}: ${span(facts, now)}, ${affectedList(facts)} ${worst ? `saw a ${STATUS_LABEL[worst].toLowerCase()}` : "were affected"}.`,
  ];
  const resolving = facts.updates.findLast((u) => u.status === "resolved");
  if (resolving) lines.push("", resolving.message);
  return lines.join("\n");
}

export function impactDraft(report: ImpactReport): string {
  return impactMarkdown(report);
}

/** The first failure per vantage across the affected ComponentRegions, earliest first. */
function firstByVantage(failures: readonly FirstFailure[]): FirstFailure[] {
  const byVantage = new Map<string, FirstFailure>();
  for (const f of failures) {
    const seen = byVantage.get(f.vantage);
    if (!seen || f.at < seen.at) byVantage.set(f.vantage, f);
  }
  return [...byVantage.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
}

export function detectionDraft(facts: RecordFacts): string {
  const i = facts.incident;
  const times = responseTimes(i);
  const lines: string[] = [];
  const first = firstByVantage(facts.firstFailures);
  if (first.length > 0) {
    lines.push("The first failing checks, per vantage:", "");
    const names = new Map(facts.componentRegions.map((cr) => [cr.id, componentRegionName(cr)]));
    for (const f of first) {
      lines.push(
        `- ${f.vantage} at ${formatUtcTime(f.at)}: ${names.get(f.componentRegionId) ?? "a component"} ${f.outcome}${f.error ? ` (${f.error})` : ""}`,
      );
    }
    lines.push("");
  }
  const detectedBy =
    i.source === "detected"
      ? "Probes confirmed the outage and proposed the incident"
      : `${i.createdBy ?? "An engineer"} declared the incident`;
  lines.push(
    "How it was noticed and handled:",
    "",
    `- ${detectedBy}${i.detectedAt ? ` at ${formatUtcTime(i.detectedAt)}` : ""}.`,
    `- Time to detect: ${duration(times.timeToDetectMs)} (from the start at ${formatUtcTime(i.startedAt)}).`,
  );
  if (i.acknowledgedAt) {
    const by = i.source === "detected" ? (facts.approval?.by ?? "an engineer") : (i.createdBy ?? "an engineer");
    lines.push(
      `- Acknowledged by ${by} at ${formatUtcTime(i.acknowledgedAt)}; time to acknowledge: ${duration(times.timeToAcknowledgeMs)}.`,
    );
  } else {
    lines.push("- Not acknowledged yet.");
  }
  return lines.join("\n");
}

export function mitigationDraft(facts: RecordFacts): string {
  const i = facts.incident;
  const lines: string[] = [];
  if (i.mitigatedAt)
    lines.push(
      `Mitigated at ${formatUtcDateTime(i.mitigatedAt)}, ${formatDuration(Math.max(0, i.mitigatedAt.getTime() - i.startedAt.getTime()))} after the start.`,
    );
  if (i.resolvedAt)
    lines.push(
      `Resolved at ${formatUtcDateTime(i.resolvedAt)}, ${formatDuration(Math.max(0, i.resolvedAt.getTime() - i.startedAt.getTime()))} after the start.`,
    );
  const resolving = facts.updates.findLast((u) => u.status === "resolved");
  const monitoring = facts.updates.findLast((u) => u.status === "monitoring");
  for (const u of [monitoring, resolving]) {
    if (u) lines.push("", `> ${u.message.replace(/\n/g, "\n> ")}`);
  }
  return lines.length > 0 ? lines.join("\n") : "The incident is still open.";
}
