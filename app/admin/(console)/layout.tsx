// Every console page: signed in, with the navigation the person's role allows.
import Link from "next/link";
import type { ReactNode } from "react";
import { db } from "@/lib/db.ts";
import { can, type Permission, ROLE_LABEL } from "@/lib/domain/roles.ts";
import { countConsoleIncidents } from "@/lib/incidents/list-console-incidents.ts";
import { mailboxEnabled } from "@/lib/mail/send.ts";
import { requireActor } from "@/lib/session/guards.ts";
import { type NavItem, NavLinks } from "../_components/nav-links.tsx";
import { signOutAction } from "../_lib/sign-out.ts";

export const dynamic = "force-dynamic";

const NAV: (NavItem & { permission: Permission })[] = [
  { href: "/admin/incidents", label: "Incidents", permission: "console.read" },
  { href: "/admin/maintenance", label: "Maintenance", permission: "console.read" },
  { href: "/admin/postmortems", label: "Postmortems", permission: "console.read" },
  { href: "/admin/action-items", label: "My action items", permission: "postmortem.write" },
  { href: "/admin/metrics", label: "Response metrics", permission: "console.read" },
  { href: "/admin/early-warnings", label: "Early warnings", permission: "console.read" },
  { href: "/admin/slo", label: "Error budgets", permission: "console.read" },
  { href: "/admin/sla", label: "SLA reports", permission: "sla.read" },
  { href: "/admin/subscribers", label: "Subscribers", permission: "console.read" },
  { href: "/admin/users", label: "Users", permission: "user.manage" },
  { href: "/admin/audit", label: "Audit trail", permission: "audit.read" },
  { href: "/admin/tokens", label: "API tokens", permission: "sla.read" },
];

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor("console.read");
  const proposals = await countConsoleIncidents(db(), "proposed");
  const items = NAV.filter((item) => can(actor.role, item.permission)).map(
    ({ href, label }): NavItem =>
      href === "/admin/incidents"
        ? { href, label, waiting: { count: proposals, what: proposals === 1 ? "proposal waits" : "proposals wait" } }
        : { href, label },
  );
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 dark:border-slate-800">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-3">
          <Link href="/admin" className="text-lg font-bold tracking-tight">
            Bellwether <span className="font-normal text-slate-600 dark:text-slate-400">console</span>
          </Link>
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <span data-testid="signed-in-as">
              {actor.email} · <span className="font-semibold">{ROLE_LABEL[actor.role]}</span>
            </span>
            <form action={signOutAction}>
              <button
                type="submit"
                className="rounded border border-slate-400 px-3 py-1.5 font-medium dark:border-slate-600"
              >
                Sign out
              </button>
            </form>
          </div>
        </div>
        <nav aria-label="Console" className="mx-auto max-w-6xl px-4 pb-2">
          <NavLinks items={items} />
        </nav>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
      <footer className="mx-auto flex max-w-6xl flex-wrap gap-4 px-4 pb-10 text-xs text-slate-600 dark:text-slate-400">
        <Link className="underline" href="/">
          Public status page
        </Link>
        {mailboxEnabled() && (
          <Link className="underline" href="/admin/mailbox">
            Demo mailbox
          </Link>
        )}
      </footer>
    </div>
  );
}
