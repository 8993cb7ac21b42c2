// GET /admin/users – admins add people, change roles, disable and enable
import type { Metadata } from "next";
import { db } from "@/lib/db.ts";
import { ROLE_LABEL } from "@/lib/domain/roles.ts";
import { requireActor } from "@/lib/session/guards.ts";
import { listUsers } from "@/lib/users/list-users.ts";
import { AddUserForm, DisableForm, RoleForm } from "./user-forms.tsx";

export const metadata: Metadata = { title: "Users" };
export const dynamic = "force-dynamic";

export default async function UsersPage() {
  const actor = await requireActor("user.manage", { returnTo: "/admin/users" });
  const users = await listUsers(db());
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-bold">Users</h1>
        <p className="mt-1 text-slate-700 dark:text-slate-300">
          People sign in with a one-time link sent to their email address. Only the people listed here can sign in;
          disabling someone ends their sessions at once.
        </p>
      </div>
      <section aria-labelledby="people" className="space-y-3">
        <h2 id="people" className="text-xl font-semibold">
          People
        </h2>
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
          {users.map((user) => (
            <li
              key={user.id}
              className="grid gap-3 px-4 py-3 md:grid-cols-[1fr_auto_auto] md:items-start"
              data-user={user.email}
            >
              <div>
                <p className="font-semibold">
                  {user.name ?? user.email}
                  {user.id === actor.id && (
                    <span className="ml-2 text-sm font-normal text-slate-600 dark:text-slate-400">(you)</span>
                  )}
                </p>
                <p className="text-sm text-slate-700 dark:text-slate-300">{user.email}</p>
                <p className="text-sm">
                  {user.disabledAt ? (
                    <span className="font-medium text-red-700 dark:text-red-400">
                      Disabled since {user.disabledAt.toISOString().slice(0, 10)}
                    </span>
                  ) : (
                    <span>
                      {ROLE_LABEL[user.role]} · added {user.createdAt.toISOString().slice(0, 10)}
                    </span>
                  )}
                </p>
              </div>
              <RoleForm userId={user.id} email={user.email} role={user.role} />
              {user.id !== actor.id ? (
                <DisableForm userId={user.id} email={user.email} disabled={user.disabledAt !== null} />
              ) : (
                <span />
              )}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="add" className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
        <h2 id="add" className="text-xl font-semibold">
          Add a user
        </h2>
        <AddUserForm />
      </section>
    </div>
  );
}
