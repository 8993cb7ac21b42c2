// The scope part of the subscribe and manage forms: everything, or chosen
// regions and/or components, optionally tier 1 only. Plain inputs: it works without JavaScript.
import type { SubscriberScope } from "@/lib/domain/scoping.ts";
import type { SubscriptionChoices } from "@/lib/subscribers/scope.ts";

const box = "h-4 w-4 accent-slate-900 dark:accent-slate-100";

export function ScopeFields({
  choices,
  scope,
  error,
}: {
  choices: SubscriptionChoices;
  scope?: SubscriberScope;
  error?: string[];
}) {
  const all = scope?.all ?? true;
  const products = [...new Set(choices.components.map((c) => c.product))];
  return (
    <div className="space-y-5">
      <fieldset className="space-y-2" aria-describedby={error ? "scope-error" : undefined}>
        <legend className="font-semibold">What do you want to hear about?</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="scope" value="all" defaultChecked={all} className={box} /> Everything
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="scope" value="chosen" defaultChecked={!all} className={box} /> Only the regions and
          components I choose below
        </label>
        {error && (
          <p id="scope-error" className="text-sm font-medium text-red-700 dark:text-red-400">
            {error.join(" ")}
          </p>
        )}
      </fieldset>
      <fieldset className="space-y-1">
        <legend className="font-semibold">Regions</legend>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          None chosen: every region of the components you choose.
        </p>
        <div className="grid gap-1 sm:grid-cols-2">
          {choices.regions.map((r) => (
            <label key={r.id} className="flex items-center gap-2">
              <input
                type="checkbox"
                name="region"
                value={r.id}
                defaultChecked={scope?.regionIds.includes(r.id)}
                className={box}
              />
              <span>
                {r.key} <span className="text-sm text-slate-600 dark:text-slate-400">({r.name})</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="font-semibold">Components</legend>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          None chosen: every component in the regions you choose.
        </p>
        {products.map((product) => (
          <div key={product}>
            <p className="text-sm font-medium">{product}</p>
            <div className="grid gap-1 sm:grid-cols-2">
              {choices.components
                .filter((c) => c.product === product)
                .map((c) => (
                  <label key={c.id} className="flex items-center gap-2">
                    <input
                      type="checkbox"
                      name="component"
                      value={c.id}
                      defaultChecked={scope?.componentIds.includes(c.id)}
                      className={box}
                    />
                    <span>
                      {c.name}{" "}
                      <span className="text-sm text-slate-600 dark:text-slate-400">
                        {c.tier === "TIER_1" ? "Tier 1" : "Tier 2"}
                      </span>
                    </span>
                  </label>
                ))}
            </div>
          </div>
        ))}
      </fieldset>
      <label className="flex items-center gap-2">
        <input type="checkbox" name="tier1Only" defaultChecked={scope?.tier1Only} className={box} /> Only tier-1
        components (those that enable primary use of the platform)
      </label>
    </div>
  );
}

export const buttonClass =
  "rounded bg-slate-900 px-4 py-2 font-semibold text-white hover:bg-slate-700 focus:outline-2 focus:outline-offset-2 focus:outline-sky-600 disabled:opacity-60 dark:bg-slate-100 dark:text-slate-900";

export function Notice({ state }: { state: { status: string; message: string } }) {
  if (state.status === "idle") return null;
  const tone =
    state.status === "done"
      ? "border-emerald-600 bg-emerald-50 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-100"
      : "border-red-600 bg-red-50 text-red-950 dark:bg-red-950 dark:text-red-100";
  return (
    <p role={state.status === "error" ? "alert" : "status"} className={`rounded border-l-4 px-4 py-3 ${tone}`}>
      {state.message}
    </p>
  );
}
