// Every revision of an issued month, each downloadable, and what a
// restatement changed.
import Link from "next/link";
import { formatIso } from "@/lib/sla/statement-labels.ts";
import type { FigureChange, StatementRevisionSummary } from "@/lib/sla/types.ts";
import { ScrollArea } from "../../../../../_components/scroll-area.tsx";
import { FORMATS, statementFilePath, statementPagePath } from "../../../statement-links.ts";

function shown(value: unknown): string {
  if (value === null || value === undefined) return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function ChangesTable({ changes }: { changes: FigureChange[] }) {
  if (changes.length === 0) return null;
  return (
    <ScrollArea label="What changed">
      <table className="relative w-full min-w-[28rem] text-sm">
        <thead>
          <tr className="text-left">
            <th scope="col" className="px-3 py-1 font-semibold">
              Figure
            </th>
            <th scope="col" className="px-3 py-1 font-semibold">
              Before
            </th>
            <th scope="col" className="px-3 py-1 font-semibold">
              After
            </th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.field} className="border-t border-slate-200 dark:border-slate-800">
              <th scope="row" className="px-3 py-1 text-left font-medium break-all">
                {c.field}
              </th>
              <td className="px-3 py-1">{shown(c.before)}</td>
              <td className="px-3 py-1">{shown(c.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  );
}

export function DownloadLinks({
  contractId,
  month,
  revision,
  label,
}: {
  contractId: string;
  month: string;
  revision?: number;
  label: string;
}) {
  return (
    <span className="flex flex-wrap gap-3">
      {FORMATS.map((format) => (
        <a
          key={format}
          className="font-medium underline"
          href={statementFilePath(contractId, month, format, revision)}
          download
        >
          {format.toUpperCase()}
          <span className="sr-only"> of {label}</span>
        </a>
      ))}
    </span>
  );
}

export function RevisionList({
  contractId,
  month,
  revisions,
  showing,
}: {
  contractId: string;
  month: string;
  revisions: StatementRevisionSummary[];
  showing: number | null;
}) {
  return (
    <ol className="space-y-3" aria-label="Revisions, newest first">
      {[...revisions].reverse().map((r) => (
        <li
          key={r.id}
          className="rounded-lg border border-slate-200 p-3 dark:border-slate-800"
          data-revision={r.revision}
        >
          <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <span className="font-semibold">Revision {r.revision}</span>
            <span className="text-sm">
              {r.revision === 1 ? "Issued" : "Restated"} {formatIso(r.issuedAt)}
              {r.createdBy ? ` by ${r.createdBy}` : ""}
            </span>
            {showing === r.revision ? (
              <span className="text-sm font-medium">(shown above)</span>
            ) : (
              <Link className="text-sm underline" href={statementPagePath(contractId, month, r.revision)}>
                View<span className="sr-only"> revision {r.revision}</span>
              </Link>
            )}
          </p>
          {r.reason && <p className="mt-1 text-sm">Because: {r.reason}</p>}
          <p className="mt-1 text-xs break-all text-slate-600 dark:text-slate-400">SHA-256 {r.sha256}</p>
          <div className="mt-2">
            <DownloadLinks
              contractId={contractId}
              month={month}
              revision={r.revision}
              label={`revision ${r.revision}`}
            />
          </div>
        </li>
      ))}
    </ol>
  );
}
