// The page-level status line in Statuspage's words, toned by its indicator.
import type { OverallStatus, StatusIndicator } from "@/lib/domain/status.ts";

const BANNER: Record<StatusIndicator | "unknown", string> = {
  none: "bg-emerald-50 border-emerald-600 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100",
  minor: "bg-amber-50 border-amber-600 text-amber-950 dark:bg-amber-950 dark:text-amber-100",
  major: "bg-orange-50 border-orange-600 text-orange-950 dark:bg-orange-950 dark:text-orange-100",
  critical: "bg-red-50 border-red-600 text-red-950 dark:bg-red-950 dark:text-red-100",
  maintenance: "bg-sky-50 border-sky-600 text-sky-950 dark:bg-sky-950 dark:text-sky-100",
  unknown: "bg-slate-50 border-slate-400 text-slate-900 dark:bg-slate-900 dark:text-slate-100",
};

/**
 * `title` is the page's h1 when given (a region or component name), with
 * `summary` (or the status line) under it; otherwise the status line is the h1.
 */
export function OverallBanner({
  overall,
  title,
  summary,
  children,
}: {
  overall: OverallStatus;
  title?: string;
  summary?: string;
  children?: React.ReactNode;
}) {
  const known = overall.total - overall.unknown;
  const tone = known === 0 ? "unknown" : overall.indicator;
  return (
    <section
      aria-labelledby="overall"
      className={`rounded-lg border-l-4 px-5 py-4 ${BANNER[tone]}`}
      data-indicator={overall.indicator}
    >
      {title ? (
        <>
          <h1 className="text-2xl font-bold">{title}</h1>
          <p id="overall" className="mt-1 text-lg font-semibold" data-summary>
            {summary ?? overall.description}
          </p>
        </>
      ) : (
        <h1 id="overall" className="text-2xl font-bold">
          {overall.description}
        </h1>
      )}
      <div className="mt-1 text-sm">{children}</div>
    </section>
  );
}
