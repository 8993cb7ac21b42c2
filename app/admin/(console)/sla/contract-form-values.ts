// A contract form's fields as the library's contract input, and the library's
// field errors back onto the form's own fields: credit tiers by row (blank
// rows are skipped), recipients as one message naming the bad addresses.
import type { FieldErrors } from "@/lib/errors.ts";
import type { FormValues } from "../../_lib/form-state.ts";

export const TIER_ROWS_MAX = 10;

function list(value: FormValues[string] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function text(values: FormValues, name: string): string {
  const value = values[name];
  return typeof value === "string" ? value : "";
}

export function recipientsFrom(values: FormValues): string[] {
  return text(values, "recipients")
    .split(/[\s,;]+/)
    .filter((address) => address !== "");
}

/** Rows of the tier table that someone filled in, with their row numbers. */
export function tierRowsFrom(values: FormValues): { row: number; belowPercent: string; creditPercent: string }[] {
  const rows = [];
  for (let row = 0; row < TIER_ROWS_MAX; row++) {
    const belowPercent = text(values, `tiers.${row}.belowPercent`).trim();
    const creditPercent = text(values, `tiers.${row}.creditPercent`).trim();
    if (belowPercent !== "" || creditPercent !== "") rows.push({ row, belowPercent, creditPercent });
  }
  return rows;
}

/** What createContract / updateContract parse with their zod schema. */
export function contractInputFrom(values: FormValues) {
  return {
    name: values.name,
    startsOn: values.startsOn,
    endsOn: values.endsOn,
    slaTargetPercent: values.slaTargetPercent,
    partialOutageWeight: values.partialOutageWeight,
    degradedWeight: values.degradedWeight,
    creditTiers: tierRowsFrom(values).map(({ belowPercent, creditPercent }) => ({ belowPercent, creditPercent })),
    coverage: values.coverage,
    monthRule: values.monthRule,
    maintenanceNoticeDays: values.maintenanceNoticeDays,
    maintenanceAllowanceHours: values.maintenanceAllowanceHours,
    closeAfterDays: values.closeAfterDays,
    monthlyFee: values.monthlyFee,
    currency: values.currency,
    recipients: recipientsFrom(values),
    accountManagerId: values.accountManagerId,
    regions: list(values.regions),
    products: list(values.products),
  };
}

/** `creditTiers.1.belowPercent` (index among filled rows) → `creditTiers.<form row>.belowPercent`; `recipients.2` → `recipients`. */
export function formFieldErrors(fields: FieldErrors | undefined, values: FormValues): FieldErrors | undefined {
  if (!fields) return fields;
  const rows = tierRowsFrom(values).map((r) => r.row);
  const recipients = recipientsFrom(values);
  const mapped: FieldErrors = {};
  const add = (key: string, messages: string[]) => {
    mapped[key] = [...(mapped[key] ?? []), ...messages];
  };
  for (const [key, messages] of Object.entries(fields)) {
    const tier = /^creditTiers\.(\d+)\.(belowPercent|creditPercent)$/.exec(key);
    const recipient = /^recipients\.(\d+)$/.exec(key);
    if (tier) add(`creditTiers.${rows[Number(tier[1])] ?? tier[1]}.${tier[2]}`, messages);
    else if (recipient)
      add(
        "recipients",
        messages.map((m) => `${recipients[Number(recipient[1])] ?? "?"}: ${m}`),
      );
    else add(key, messages);
  }
  return mapped;
}
