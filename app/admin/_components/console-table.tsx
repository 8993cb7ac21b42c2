// The console's list tables: one frame (a keyboard-scrollable area, a caption
// for screen readers, a header row) and one look for header and body cells.
import type { ReactNode } from "react";
import { ScrollArea } from "./scroll-area.tsx";

export const TH_CLASS = "border-b border-slate-300 px-2 py-1 text-left font-semibold dark:border-slate-700";
export const TD_CLASS = "border-b border-slate-200 px-2 py-2 align-top dark:border-slate-800";

export function ConsoleTable({
  label,
  headings,
  testId,
  children,
}: {
  label: string;
  headings: readonly string[];
  testId: string;
  children: ReactNode;
}) {
  return (
    <ScrollArea label={label}>
      <table className="w-full border-collapse text-sm" data-testid={testId}>
        <caption className="sr-only">{label}</caption>
        <thead>
          <tr>
            {headings.map((h) => (
              <th key={h} scope="col" className={TH_CLASS}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </ScrollArea>
  );
}
