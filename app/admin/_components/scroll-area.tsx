// A wide table that scrolls sideways on a phone: keyboard users can focus it
// and scroll it too (WCAG 2.1.1).
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
      className={`overflow-x-auto focus:outline-2 focus:outline-offset-2 focus:outline-sky-600 ${className}`}
    >
      {children}
    </section>
  );
}
