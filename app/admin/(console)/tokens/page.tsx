// GET /admin/tokens – your personal API tokens: create one (shown once), see when each was last used, revoke
import type { Metadata } from "next";
import { listApiTokens } from "@/lib/api-tokens/list-api-tokens.ts";
import { db } from "@/lib/db.ts";
import { getEnv } from "@/lib/env.ts";
import { requireActor } from "@/lib/session/guards.ts";
import { listCustomers } from "@/lib/sla/list-customers.ts";
import { addMonths, monthOf } from "@/lib/sla/month.ts";
import { Utc } from "../../_components/badges.tsx";
import { CreateTokenForm, RevokeTokenForm } from "./token-forms.tsx";

export const metadata: Metadata = { title: "API tokens" };
export const dynamic = "force-dynamic";

/** A curl line that works as pasted: a real contract and last month. */
async function exampleUrl(now: Date): Promise<string> {
  const contract = (await listCustomers(db())).flatMap((c) => c.contracts)[0];
  return `${getEnv().PUBLIC_URL}/api/sla/contracts/${contract?.id ?? "<contract-id>"}/statements/${addMonths(monthOf(now), -1)}.csv`;
}

export default async function TokensPage() {
  const actor = await requireActor("sla.read", { returnTo: "/admin/tokens" });
  const [tokens, example] = await Promise.all([listApiTokens(db(), actor), exampleUrl(new Date())]);
  return (
    <div className="max-w-4xl space-y-8">
      <div>
        <h1 className="text-2xl font-bold">API tokens</h1>
        <p className="mt-1 text-slate-700 dark:text-slate-300">
          A personal token lets a script or a billing system download SLA statements as JSON, CSV or PDF with your role,
          without a browser. Send it as <code>Authorization: Bearer &lt;token&gt;</code>. Only a hash is stored;
          revoking a token stops it at once.
        </p>
      </div>
      <section
        aria-labelledby="create"
        className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
      >
        <h2 id="create" className="text-xl font-semibold">
          Create a token
        </h2>
        <CreateTokenForm exampleUrl={example} />
      </section>
      <section aria-labelledby="yours" className="space-y-3">
        <h2 id="yours" className="text-xl font-semibold">
          Your tokens
        </h2>
        {tokens.length === 0 ? (
          <p className="text-slate-700 dark:text-slate-300">You have no tokens yet.</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
            {tokens.map((token) => (
              <li
                key={token.id}
                className="grid gap-3 px-4 py-3 sm:grid-cols-[1fr_auto] sm:items-start"
                data-token={token.name}
              >
                <div>
                  <p className="font-semibold">{token.name}</p>
                  <p className="text-sm text-slate-700 dark:text-slate-300">
                    Created <Utc at={token.createdAt} /> ·{" "}
                    {token.lastUsedAt ? (
                      <>
                        last used <Utc at={token.lastUsedAt} />
                      </>
                    ) : (
                      "never used"
                    )}
                  </p>
                  {token.revokedAt && (
                    <p className="text-sm font-medium text-red-700 dark:text-red-400">
                      Revoked <Utc at={token.revokedAt} />
                    </p>
                  )}
                </div>
                {!token.revokedAt && <RevokeTokenForm tokenId={token.id} name={token.name} />}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
