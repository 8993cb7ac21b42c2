// One error type with a closed set of codes. HTTP statuses are decided here
// and nowhere else; anything unknown becomes a 500 that leaks nothing.
import { ZodError } from "zod";

export const ERROR_CODES = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  PAYLOAD_TOO_LARGE: 413,
  VALIDATION: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Field name → messages, for forms and 422 bodies. */
export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldErrors;
  /** Extra data a client may see, e.g. the current state after a conflict. */
  readonly details?: unknown;

  constructor(
    code: ErrorCode,
    message: string,
    options?: { fields?: FieldErrors; details?: unknown; cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.fields = options?.fields;
    this.details = options?.details;
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code];
  }
}

export function fieldErrorsFromZod(error: ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "_";
    fields[key] = [...(fields[key] ?? []), issue.message];
  }
  return fields;
}

/** Prisma's known request errors carry a code such as P2002; no import needed. */
function prismaCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && /^P\d{4}$/.test(code) ? code : undefined;
}

/** Turns anything thrown into an AppError a user may see. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    return new AppError("VALIDATION", "Some fields are not valid.", {
      fields: fieldErrorsFromZod(error),
      cause: error,
    });
  }
  switch (prismaCode(error)) {
    case "P2002":
      return new AppError("CONFLICT", "That already exists.", { cause: error });
    case "P2025":
      return new AppError("NOT_FOUND", "Not found.", { cause: error });
  }
  return new AppError("INTERNAL", "Something went wrong on our side. It has been logged.", { cause: error });
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: FieldErrors; details?: unknown };
}

/** The server's JSON logger (lib/observability/log.ts registers it); this module stays importable by client forms. */
export const ERROR_REPORTER = Symbol.for("bellwether.observability.logError");

function reportUnexpected(message: string, error: unknown): void {
  const report = (globalThis as Record<symbol, ((message: string, error: unknown) => void) | undefined>)[
    ERROR_REPORTER
  ];
  if (report) report(message, error);
  else console.error("[bellwether]", message, error);
}

/** The one mapping from an error to an HTTP response; logs what users don't see. */
export function errorResponse(error: unknown): { status: number; body: ErrorBody } {
  const appError = toAppError(error);
  if (appError.code === "INTERNAL" || appError.code === "UNAVAILABLE") {
    reportUnexpected(appError.message, appError.cause ?? appError);
  }
  const { code, message, fields, details } = appError;
  return { status: appError.httpStatus, body: { error: { code, message, fields, details } } };
}
