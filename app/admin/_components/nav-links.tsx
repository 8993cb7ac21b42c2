"use client";
// The console's navigation; marks the current section for screen readers too.
import Link from "next/link";
import { usePathname } from "next/navigation";

export interface NavItem {
  href: string;
  label: string;
  /** Something waiting there (proposals for the incidents link), said after the label. */
  waiting?: { count: number; what: string };
}

export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <ul className="flex flex-wrap gap-1">
      {items.map((item) => {
        const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={current ? "page" : undefined}
              className={`block rounded px-3 py-2 text-sm font-medium ${
                current
                  ? "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900"
                  : "text-slate-800 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
              }`}
            >
              {item.label}
              {item.waiting && item.waiting.count > 0 && (
                <span
                  className="ml-1.5 rounded-full bg-amber-200 px-1.5 py-0.5 text-xs font-bold text-amber-950"
                  data-testid="nav-waiting"
                >
                  {item.waiting.count}
                  <span className="sr-only"> {item.waiting.what}</span>
                </span>
              )}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
