// A burn-down of an error budget as SVG: the share left after each day, from
// 100 % before the first, against a dashed 0 % line labelled "spent". Named by
// its title and described in words (first, last and lowest point), so the
// picture is never the only way to read it.

const W = 320;
const H = 96;
const PAD = { left: 44, right: 6, top: 6, bottom: 14 };

function pct(value: number): string {
  return `${Math.round(value * 100)} %`;
}

export function BurnDownChart({
  id,
  title,
  points,
  firstDay,
  stepLabel,
}: {
  id: string;
  title: string;
  /** Budget left as a fraction, 1 before the first step. */
  points: number[];
  firstDay: string;
  /** "day" */
  stepLabel: string;
}) {
  if (points.length < 2)
    return <p className="text-sm text-slate-700 dark:text-slate-300">No checks in the window yet: nothing to burn.</p>;
  const lowest = Math.min(...points);
  const floor = Math.max(-1, Math.min(0, lowest));
  const plot = { x: PAD.left, y: PAD.top, w: W - PAD.left - PAD.right, h: H - PAD.top - PAD.bottom };
  const toX = (i: number) => plot.x + (i / (points.length - 1)) * plot.w;
  const toY = (v: number) => plot.y + ((1 - Math.max(floor, Math.min(1, v))) / (1 - floor)) * plot.h;
  const line = points.map((v, i) => `${i === 0 ? "M" : "L"}${toX(i).toFixed(1)},${toY(v).toFixed(1)}`).join(" ");
  const area = `${line} L${toX(points.length - 1).toFixed(1)},${toY(floor).toFixed(1)} L${toX(0).toFixed(1)},${toY(floor).toFixed(1)} Z`;
  const last = points.at(-1)!;
  const description = `Error budget left from 100 % before ${firstDay} to ${pct(last)} after ${points.length - 1} ${stepLabel}${points.length === 2 ? "" : "s"}; lowest ${pct(lowest)}${last <= 0 ? "; the budget is spent" : ""}.`;
  const zeroY = toY(0);
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      width={W}
      height={H}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      className="max-w-full text-slate-900 dark:text-slate-100"
      data-testid="burn-down-chart"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <path d={area} className="fill-sky-200 dark:fill-sky-900" />
      <path d={line} fill="none" stroke="currentColor" strokeWidth={1.5} />
      <line x1={plot.x} x2={plot.x + plot.w} y1={toY(1)} y2={toY(1)} stroke="#94a3b8" strokeWidth={1} />
      <line
        x1={plot.x}
        x2={plot.x + plot.w}
        y1={zeroY}
        y2={zeroY}
        stroke="currentColor"
        strokeWidth={1}
        strokeDasharray="4 3"
      />
      <text x={plot.x - 4} y={toY(1) + 4} textAnchor="end" fontSize={10} fill="currentColor">
        100 %
      </text>
      <text x={plot.x - 4} y={zeroY + 4} textAnchor="end" fontSize={10} fill="currentColor">
        0 %
      </text>
      {floor < 0 && (
        <text x={plot.x - 4} y={toY(floor)} textAnchor="end" fontSize={10} fill="currentColor">
          {pct(floor)}
        </text>
      )}
      <text x={plot.x + plot.w} y={zeroY - 3} textAnchor="end" fontSize={9} fill="currentColor">
        spent
      </text>
      <circle cx={toX(points.length - 1)} cy={toY(last)} r={2.5} fill="currentColor" />
      <text x={plot.x} y={H - 2} fontSize={9} fill="currentColor">
        {firstDay}
      </text>
      <text x={plot.x + plot.w} y={H - 2} textAnchor="end" fontSize={9} fill="currentColor">
        now
      </text>
    </svg>
  );
}
