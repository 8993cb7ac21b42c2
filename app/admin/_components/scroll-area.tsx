// A wide table that scrolls sideways on a phone: keyboard users can focus it
// and scroll it too (WCAG 2.1.1). It is `relative` so that absolutely positioned
// content inside (the sr-only text of a row's buttons) is clipped with the rest:
// otherwise that text sits at its static place past the phone's edge and widens
// the whole page, which then zooms out and misplaces taps.
import type { ReactNode } from "react";

export function ScrollArea({
  label,
  className = "",
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
      tabIndex={0}
      className={`relative overflow-x-auto focus:outline-2 focus:outline-offset-2 focus:outline-sky-600 ${className}`}
    >
      {children}
    </section>
  );
}
