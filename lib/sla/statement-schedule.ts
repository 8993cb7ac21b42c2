// When a contract-month stops being provisional. Pure. A month closes
// `closeAfterDays` after its calendar end (late probe results and incident
// corrections still arrive); from then on it is issued and frozen.
import { DAY_MS } from "../domain/sla.ts";
import { addMonths, monthOf, monthStart } from "./month.ts";

export interface ScheduleTerms {
  /** YYYY-MM-DD */
  startsOn: string;
  endsOn: string | null;
  closeAfterDays: number;
}

export function monthClosesAt(month: string, closeAfterDays: number): Date {
  return new Date(monthStart(addMonths(month, 1)).getTime() + closeAfterDays * DAY_MS);
}

export function isMonthClosed(month: string, closeAfterDays: number, now: Date): boolean {
  return now.getTime() >= monthClosesAt(month, closeAfterDays).getTime();
}

/** Every month of the contract that has closed by `now`, oldest first. */
export function closedContractMonths(terms: ScheduleTerms, now: Date): string[] {
  const months: string[] = [];
  const last = terms.endsOn ? terms.endsOn.slice(0, 7) : monthOf(now);
  for (let month = terms.startsOn.slice(0, 7); month <= last; month = addMonths(month, 1)) {
    if (!isMonthClosed(month, terms.closeAfterDays, now)) break;
    months.push(month);
  }
  return months;
}
