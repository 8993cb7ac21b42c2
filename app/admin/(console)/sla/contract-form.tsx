"use client";
// One form for a new contract and for changing one: every term, each problem
// shown beside its field. After a conflict, the form keeps what was typed and
// is sent against the version that won.
import { useActionState } from "react";
import type { ContractDetail } from "@/lib/sla/get-contract.ts";
import type { ContractFormOptions } from "@/lib/sla/list-customers.ts";
import { COVERAGE_LABEL, MONTH_RULE_LABEL } from "@/lib/sla/statement-labels.ts";
import { describedBy, INPUT_CLASS } from "../../_components/field-props.ts";
import { Field, FormMessage, SubmitButton } from "../../_components/form-parts.tsx";
import { type FormState, firstError, IDLE, typedValue } from "../../_lib/form-state.ts";
import { createContractAction, updateContractAction } from "./actions.ts";
import { TIER_ROWS_MAX, tierRowsFrom } from "./contract-form-values.ts";

type Kept = FormState;

function checkedList(kept: Kept, name: string, fallback: string[]): string[] {
  if (!kept.values) return fallback;
  const value = kept.values[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function TextField({
  kept,
  state,
  name,
  label,
  value,
  hint,
  type = "text",
  inputMode,
}: {
  kept: Kept;
  state: FormState;
  name: string;
  label: string;
  value: string;
  hint?: string;
  type?: string;
  inputMode?: "decimal" | "numeric" | "email";
}) {
  const id = `contract-${name}`;
  const error = firstError(state, name);
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      <input
        name={name}
        type={type}
        inputMode={inputMode}
        autoComplete="off"
        defaultValue={typedValue(kept, name, value)}
        className={INPUT_CLASS}
        {...describedBy(id, error, Boolean(hint))}
      />
    </Field>
  );
}

function CheckboxGroup({
  name,
  legend,
  items,
  checked,
  error,
}: {
  name: string;
  legend: string;
  items: { key: string; name: string }[];
  checked: string[];
  error?: string;
}) {
  return (
    <fieldset aria-describedby={error ? `contract-${name}-error` : undefined}>
      <legend className="font-medium">{legend}</legend>
      <ul className="mt-1 grid gap-1 sm:grid-cols-2">
        {items.map((item) => (
          <li key={item.key}>
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                name={name}
                value={item.key}
                defaultChecked={checked.includes(item.key)}
                className="h-5 w-5"
              />
              {item.name} <span className="text-sm text-slate-600 dark:text-slate-400">{item.key}</span>
            </label>
          </li>
        ))}
      </ul>
      {error && (
        <p id={`contract-${name}-error`} className="mt-1 text-sm font-medium text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </fieldset>
  );
}

function TierRows({ kept, state, tiers }: { kept: Kept; state: FormState; tiers: ContractDetail["creditTiers"] }) {
  const typed = kept.values ? tierRowsFrom(kept.values) : [];
  const filled = Math.max(tiers.length, typed.length > 0 ? typed.at(-1)!.row + 1 : 0);
  const rows = Math.min(TIER_ROWS_MAX, filled + 1);
  const tierError = firstError(state, "creditTiers");
  return (
    <fieldset className="space-y-2" aria-describedby="contract-tiers-hint">
      <legend className="font-medium">Credit tiers</legend>
      <p id="contract-tiers-hint" className="text-sm text-slate-600 dark:text-slate-400">
        Highest threshold first, e.g. below 99.9 → 10 %, below 99 → 25 %, below 95 → 50 %. Leave a row empty to drop it.
      </p>
      {tierError && <p className="text-sm font-medium text-red-700 dark:text-red-400">{tierError}</p>}
      {Array.from({ length: rows }, (_, row) => {
        const tier = tiers[row];
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in the table
          <div key={row} className="grid grid-cols-2 gap-3" data-tier-row={row}>
            {(["belowPercent", "creditPercent"] as const).map((part) => {
              const name = `tiers.${row}.${part}`;
              const id = `contract-tier-${row}-${part}`;
              const error = firstError(state, `creditTiers.${row}.${part}`);
              const fallback = tier ? String(tier[part]) : "";
              return (
                <Field
                  key={part}
                  id={id}
                  label={
                    part === "belowPercent"
                      ? `Tier ${row + 1}: availability below (%)`
                      : `Tier ${row + 1}: credit (% of fee)`
                  }
                  error={error}
                >
                  <input
                    name={name}
                    type="text"
                    inputMode="decimal"
                    autoComplete="off"
                    defaultValue={kept.values ? typedValue(kept, name) : fallback}
                    className={INPUT_CLASS}
                    {...describedBy(id, error)}
                  />
                </Field>
              );
            })}
          </div>
        );
      })}
    </fieldset>
  );
}

function Select({
  kept,
  state,
  name,
  label,
  value,
  choices,
}: {
  kept: Kept;
  state: FormState;
  name: string;
  label: string;
  value: string;
  choices: [string, string][];
}) {
  const id = `contract-${name}`;
  const error = firstError(state, name);
  return (
    <Field id={id} label={label} error={error}>
      <select
        name={name}
        defaultValue={typedValue(kept, name, value)}
        className={INPUT_CLASS}
        {...describedBy(id, error)}
      >
        {choices.map(([key, text]) => (
          <option key={key} value={key}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** After a conflict: the contract as someone else just saved it, so the manager can decide again. */
function CurrentContract({ current }: { current: ContractDetail | undefined }) {
  if (!current || typeof current !== "object" || !("version" in current)) return null;
  const tiers = current.creditTiers.map((t) => `below ${t.belowPercent} % → ${t.creditPercent} %`).join(", ");
  return (
    <section
      aria-label="The contract as it is now"
      className="rounded border border-amber-600 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100"
      data-testid="conflict-current"
    >
      <p className="font-semibold">As it is now:</p>
      <p>
        {current.name}: target {current.targetPercent} %, {MONTH_RULE_LABEL[current.monthRule].toLowerCase()},{" "}
        {COVERAGE_LABEL[current.coverage].toLowerCase()} in {current.regions.map((r) => r.key).join(", ")} for{" "}
        {current.products.map((p) => p.name).join(", ")}; credits {tiers || "none"}; fee {current.monthlyFee}{" "}
        {current.currency}.
      </p>
      <p className="mt-1">
        Your values are still below. Check them against the above and save again if they still hold.
      </p>
    </section>
  );
}

const NEW_CONTRACT: Omit<
  ContractDetail,
  "id" | "customer" | "accountManager" | "version" | "coveredComponentRegions" | "updatedAt"
> = {
  name: "",
  startsOn: new Date().toISOString().slice(0, 10),
  endsOn: null,
  targetPercent: 99.9,
  monthRule: "calendar",
  coverage: "all_components",
  monthlyFee: 0,
  currency: "EUR",
  partialOutageWeight: 0.5,
  degradedWeight: 0,
  creditTiers: [
    { belowPercent: 99.9, creditPercent: 10 },
    { belowPercent: 99, creditPercent: 25 },
    { belowPercent: 95, creditPercent: 50 },
  ],
  maintenanceNoticeDays: 7,
  maintenanceAllowanceHours: 24,
  closeAfterDays: 5,
  recipients: [],
  regions: [],
  products: [],
};

export function ContractForm({
  contract,
  customerId,
  options,
}: {
  contract: ContractDetail | null;
  customerId?: string;
  options: ContractFormOptions;
}) {
  const [state, action] = useActionState<FormState, FormData>(
    contract ? updateContractAction : createContractAction,
    IDLE,
  );
  const kept = state.status === "error" ? state : IDLE;
  const terms = contract ?? NEW_CONTRACT;
  const current = state.current as ContractDetail | undefined;
  const version = Math.max(contract?.version ?? 0, current?.version ?? 0);
  const p = { kept, state };
  return (
    <form
      action={action}
      key={state.seq}
      noValidate
      className="space-y-6"
      aria-label={contract ? "Change the contract" : "New contract"}
    >
      {contract ? (
        <>
          <input type="hidden" name="contractId" value={contract.id} />
          <input type="hidden" name="expectedVersion" value={String(version)} />
        </>
      ) : (
        <input type="hidden" name="customerId" value={customerId ?? ""} />
      )}
      <FormMessage state={state} />
      <CurrentContract current={current} />
      {firstError(state, "customerId") && (
        <p className="text-sm font-medium text-red-700 dark:text-red-400">{firstError(state, "customerId")}</p>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField {...p} name="name" label="Contract name" value={terms.name} />
        <Select
          {...p}
          name="accountManagerId"
          label="Account manager"
          value={contract?.accountManager?.id ?? ""}
          choices={[
            ["", "Nobody yet"],
            ...options.accountManagers.map((m): [string, string] => [
              m.id,
              m.name ? `${m.name} (${m.email})` : m.email,
            ]),
          ]}
        />
        <TextField {...p} name="startsOn" label="Starts on" type="date" value={terms.startsOn} />
        <TextField
          {...p}
          name="endsOn"
          label="Ends on (optional)"
          type="date"
          value={terms.endsOn ?? ""}
          hint="Empty: open-ended."
        />
      </div>
      <div className="space-y-4">
        <CheckboxGroup
          name="regions"
          legend="Regions"
          items={options.regions}
          checked={checkedList(
            kept,
            "regions",
            terms.regions.map((r) => r.key),
          )}
          error={firstError(state, "regions")}
        />
        <CheckboxGroup
          name="products"
          legend="Products"
          items={options.products}
          checked={checkedList(
            kept,
            "products",
            terms.products.map((r) => r.key),
          )}
          error={firstError(state, "products")}
        />
        <Select
          {...p}
          name="coverage"
          label="Coverage"
          value={terms.coverage}
          choices={Object.entries(COVERAGE_LABEL)}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          {...p}
          name="slaTargetPercent"
          label="Target (% availability)"
          inputMode="decimal"
          value={String(terms.targetPercent)}
        />
        <Select
          {...p}
          name="monthRule"
          label="Month rule"
          value={terms.monthRule}
          choices={Object.entries(MONTH_RULE_LABEL)}
        />
        <TextField
          {...p}
          name="partialOutageWeight"
          label="Partial-outage weight (0–1)"
          inputMode="decimal"
          value={String(terms.partialOutageWeight)}
          hint="Share of a partial-outage minute that counts as downtime."
        />
        <TextField
          {...p}
          name="degradedWeight"
          label="Degraded weight (0–1)"
          inputMode="decimal"
          value={String(terms.degradedWeight)}
          hint="Share of a degraded minute that counts as downtime."
        />
        <TextField
          {...p}
          name="maintenanceNoticeDays"
          label="Maintenance notice (days)"
          inputMode="numeric"
          value={String(terms.maintenanceNoticeDays)}
          hint="Maintenance announced later than this counts as downtime."
        />
        <TextField
          {...p}
          name="maintenanceAllowanceHours"
          label="Maintenance allowance (hours per contract year)"
          inputMode="numeric"
          value={String(terms.maintenanceAllowanceHours)}
        />
        <TextField
          {...p}
          name="closeAfterDays"
          label="Issue after (days past month end)"
          inputMode="numeric"
          value={String(terms.closeAfterDays)}
          hint="Until then the month stays provisional."
        />
      </div>
      <TierRows {...p} tiers={terms.creditTiers} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField {...p} name="monthlyFee" label="Monthly fee" inputMode="decimal" value={String(terms.monthlyFee)} />
        <TextField {...p} name="currency" label="Currency" value={terms.currency} hint="ISO 4217, e.g. EUR." />
      </div>
      <Field
        id="contract-recipients"
        label="Recipients"
        error={firstError(state, "recipients")}
        hint="Email addresses that receive each issued statement, one per line."
      >
        <textarea
          name="recipients"
          rows={3}
          defaultValue={typedValue(kept, "recipients", terms.recipients.join("\n"))}
          className={INPUT_CLASS}
          {...describedBy("contract-recipients", firstError(state, "recipients"), true)}
        />
      </Field>
      <SubmitButton pendingLabel="Saving…">{contract ? "Save contract" : "Create contract"}</SubmitButton>
    </form>
  );
}
