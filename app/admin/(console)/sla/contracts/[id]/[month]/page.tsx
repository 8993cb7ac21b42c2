// GET /admin/sla/contracts/:id/:YYYY-MM[?revision=n] – one contract-month's statement: header, figures, tables, chart, downloads of every revision, restatement
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { db } from "@/lib/db.ts";
import { can } from "@/lib/domain/roles.ts";
import { AppError, toAppError } from "@/lib/errors.ts";
import { requireActor } from "@/lib/session/guards.ts";
import { dailyChartSvg } from "@/lib/sla/daily-chart-svg.ts";
import { getStatement } from "@/lib/sla/get-statement.ts";
import {
  COVERAGE_LABEL,
  formatIso,
  formatMinutes,
  formatMoney,
  formatPercent,
  formatPlainPercent,
  MONTH_RULE_LABEL,
  stateLine,
  statementTitle,
} from "@/lib/sla/statement-labels.ts";
import type { Statement, StatementView } from "@/lib/sla/types.ts";
import { MetBadge } from "../../../sla-badges.tsx";
import { statementPagePath } from "../../../statement-links.ts";
import { ChangesTable, DownloadLinks, RevisionList } from "./revisions.tsx";
import { RestateForm } from "./restate-form.tsx";
import { ComponentRegionTable, DailyChart, DataGaps, IncidentTable, MaintenanceTable } from "./statement-tables.tsx";

export const metadata: Metadata = { title: "SLA statement" };
export const dynamic = "force-dynamic";

type Read = { view: StatementView } | { problem: string };

async function readStatement(id: string, month: string, revision: number | undefined, now: Date): Promise<Read> {
  try {
    return { view: await getStatement(db(), id, month, now, { revision }) };
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === "NOT_FOUND") notFound();
    if (appError.code === "BAD_REQUEST") return { problem: appError.message };
    throw error;
  }
}

function Figures({ statement }: { statement: Statement }) {
  const f = statement.figures;
  const items: [string, React.ReactNode, string][] = [
    ["Availability", formatPercent(f.availabilityPercent), "availability"],
    ["Target", <MetBadge key="met" met={f.met} />, "met"],
    ["Downtime", formatMinutes(f.downtimeMinutes), "downtime"],
    ["Allowed downtime", formatMinutes(f.allowedDowntimeMinutes), "allowed"],
    ["Error budget used", formatPlainPercent(f.errorBudgetUsedPercent), "budget"],
    ["Service credit", `${formatPlainPercent(f.creditPercent)} = ${formatMoney(f.creditAmount, f.currency)}`, "credit"],
    ["Minutes in the month", formatMinutes(f.monthMinutes), "month-minutes"],
    ["Excluded maintenance", formatMinutes(f.excludedMinutes), "excluded"],
    ["Unknown (no data)", formatMinutes(f.unknownMinutes), "unknown"],
    ["Measured", formatMinutes(f.measuredMinutes), "measured"],
  ];
  return (
    <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5">
      {items.map(([label, value, key]) => (
        <div key={key} className="rounded-lg border border-slate-200 p-3 dark:border-slate-800" data-figure={key}>
          <dt className="text-sm font-medium">{label}</dt>
          <dd className="text-lg font-semibold">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Header({ statement }: { statement: Statement }) {
  const h = statement.header;
  const rows: [string, React.ReactNode][] = [
    ["Customer", `${h.customer.name} (${h.customer.key})`],
    ["Contract", `${h.contract.name} · ${COVERAGE_LABEL[h.contract.coverage].toLowerCase()}`],
    ["Month rule", MONTH_RULE_LABEL[h.monthRule]],
    ["Window", `${formatIso(h.window.from)} to ${formatIso(h.window.to)} (end excluded)`],
    ["Target", formatPlainPercent(h.targetPercent)],
    ["State", stateLine(statement)],
    ["Revision", h.revision === null ? "None yet (provisional)" : String(h.revision)],
    ["Computed", formatIso(h.computedAt)],
  ];
  return (
    <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-2" data-testid="statement-header">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt className="font-medium">{label}</dt>
          <dd className="text-slate-800 dark:text-slate-200">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function revisionParam(value: string | string[] | undefined): number | undefined {
  return typeof value === "string" && /^[1-9]\d{0,5}$/.test(value) ? Number(value) : undefined;
}

export default async function StatementPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; month: string }>;
  searchParams: Promise<{ revision?: string | string[] }>;
}) {
  const [{ id, month }, { revision: asked }] = await Promise.all([params, searchParams]);
  const actor = await requireActor("sla.read", { returnTo: `/admin/sla/contracts/${id}/${month}` });
  const read = await readStatement(id, month, revisionParam(asked), new Date());
  const back = (
    <p className="text-sm">
      <Link className="underline" href={`/admin/sla/contracts/${id}`}>
        ← The contract
      </Link>
    </p>
  );
  if ("problem" in read) {
    return (
      <div className="space-y-4">
        {back}
        <h1 className="text-2xl font-bold">No statement for {month}</h1>
        <p role="alert">{read.problem}</p>
      </div>
    );
  }
  const { statement, revisions } = read.view;
  const h = statement.header;
  const latest = revisions.at(-1)?.revision ?? null;
  const issued = h.state === "issued";
  const svg = dailyChartSvg(statement.daily, {
    targetPercent: h.targetPercent,
    title: `Daily availability, ${h.month}, against the ${formatPlainPercent(h.targetPercent)} target`,
  });
  if (h.contract.id !== id) throw new AppError("INTERNAL", "A statement answered for another contract.");

  return (
    <div className="space-y-8">
      <div className="space-y-3">
        {back}
        <h1 className="text-2xl font-bold">{statementTitle(statement)}</h1>
        {statement.restatement && (
          <div
            className="space-y-2 rounded-lg border-l-4 border-sky-600 bg-sky-50 px-4 py-3 text-sky-950 dark:bg-sky-950 dark:text-sky-50"
            data-testid="restated"
          >
            <p>
              <span className="font-semibold">Restated on {h.issuedAt ? formatIso(h.issuedAt) : "—"}</span> because{" "}
              {statement.restatement.reason}
              {statement.restatement.createdBy ? ` (by ${statement.restatement.createdBy})` : ""}.
            </p>
            <ChangesTable changes={statement.restatement.changes} />
          </div>
        )}
        {issued && latest !== null && h.revision !== latest && (
          <p
            role="note"
            className="rounded-lg border-l-4 border-amber-600 bg-amber-50 px-4 py-3 text-amber-950 dark:bg-amber-950 dark:text-amber-50"
          >
            This is revision {h.revision}; it was replaced by{" "}
            <Link className="underline" href={statementPagePath(id, h.month)}>
              revision {latest}
            </Link>
            .
          </p>
        )}
        <Header statement={statement} />
      </div>

      <Section id="figures" title="Figures">
        <Figures statement={statement} />
      </Section>

      <DataGaps statement={statement} />

      <Section id="downloads" title="Downloads">
        {issued ? (
          <RevisionList contractId={id} month={h.month} revisions={revisions} showing={h.revision} />
        ) : (
          <div className="space-y-1">
            <p className="text-sm text-slate-700 dark:text-slate-300">
              Provisional: the files are computed when you download them and may change until the month is issued.
            </p>
            <DownloadLinks contractId={id} month={h.month} label={`the provisional statement for ${h.month}`} />
          </div>
        )}
      </Section>

      <Section id="per-component" title="Per component and region">
        <ComponentRegionTable statement={statement} />
      </Section>
      <Section id="incidents" title="Incidents">
        <IncidentTable statement={statement} />
      </Section>
      <Section id="maintenance" title="Maintenance">
        <MaintenanceTable statement={statement} />
      </Section>
      <Section id="daily" title="Day by day">
        <DailyChart statement={statement} svg={svg} />
      </Section>

      {issued && can(actor.role, "sla.manage") && (
        <section
          aria-labelledby="restate"
          className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
        >
          <h2 id="restate" className="text-xl font-semibold">
            Restate this month
          </h2>
          <p className="text-sm text-slate-700 dark:text-slate-300">
            After a correction (an incident reclassified, late probe results), recompute the month as a new revision.
            The earlier revisions stay as they are and remain downloadable.
          </p>
          <RestateForm contractId={id} month={h.month} />
        </section>
      )}
    </div>
  );
}
