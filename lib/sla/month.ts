// A statement month as the API, the CLI and the console name it: YYYY-MM.
// Bad months are a 400 that names the field, wherever they come from.
import { AppError } from "../errors.ts";

const MONTH = /^(\d{4})-(\d{2})$/;

function monthError(message: string): AppError {
  return new AppError("BAD_REQUEST", message, { fields: { month: [message] } });
}

/** "2026-11" → the month; anything else → BAD_REQUEST naming "month". */
export function parseStatementMonth(value: unknown): string {
  const match = typeof value === "string" ? MONTH.exec(value.trim()) : null;
  if (!match) throw monthError("The month must look like 2026-11 (YYYY-MM).");
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (month < 1 || month > 12) throw monthError(`There is no month ${match[2]}: use 01 to 12.`);
  if (year < 2000 || year > 2999) throw monthError("The year must be between 2000 and 2999.");
  return `${match[1]}-${match[2]}`;
}

/** The first instant of the calendar month, UTC. */
export function monthStart(month: string): Date {
  return new Date(`${month}-01T00:00:00.000Z`);
}

export function monthOf(date: Date): string {
  return date.toISOString().slice(0, 7);
}

export function addMonths(month: string, count: number): string {
  const start = monthStart(month);
  return monthOf(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + count, 1)));
}

/** A month that has not started yet has no statement. */
export function assertMonthStarted(month: string, now: Date): void {
  if (monthStart(month) > now) throw monthError(`${month} has not started yet: there is nothing to report.`);
}

export function monthBeforeContractError(month: string, startsOn: string): AppError {
  return monthError(`The contract starts on ${startsOn}: there is no statement for ${month}.`);
}

export function monthAfterContractError(month: string, endsOn: string): AppError {
  return monthError(`The contract ended on ${endsOn}: there is no statement for ${month}.`);
}
