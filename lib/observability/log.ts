// Operational logs: one JSON line each (pino), at LOG_LEVEL, with the request
// id of the request that caused it, and redacted (redact.ts) before it is
// written. The web server, Next's route handlers and the worker may load this
// module twice (tsx and Next's bundle), so the logger and the request context
// live on globalThis: one of each per process.
import { AsyncLocalStorage } from "node:async_hooks";
import { pino, type Logger } from "pino";
import { getEnv } from "../env.ts";
import { ERROR_REPORTER } from "../errors.ts";
import { createRedactor, urlSecrets } from "./redact.ts";

export type { Logger };

export interface RequestContext {
  requestId: string;
}

interface Shared {
  context: AsyncLocalStorage<RequestContext>;
  logger?: Logger;
}

const KEY = Symbol.for("bellwether.observability.log");
const holder = globalThis as Record<symbol, Shared | undefined>;
holder[KEY] ??= { context: new AsyncLocalStorage<RequestContext>() };
const shared: Shared = holder[KEY];

/** Runs `work` as part of a request: every line logged within it carries the request id. */
export function withRequestContext<T>(context: RequestContext, work: () => T): T {
  return shared.context.run(context, work);
}

export function currentRequestId(): string | undefined {
  return shared.context.getStore()?.requestId;
}

export interface LoggerOptions {
  level?: string;
  /** Where lines go; default stdout. */
  write?: (line: string) => void;
  /** Literal values never to be written (beyond what the patterns catch). */
  secrets?: readonly (string | undefined)[];
}

/** A logger of its own (tests); the process's one is logger(). */
export function createLogger(options: LoggerOptions = {}): Logger {
  const redact = createRedactor(options.secrets ?? []);
  const write = options.write ?? ((line: string) => process.stdout.write(line));
  return pino(
    {
      level: options.level ?? "info",
      base: { pid: process.pid },
      messageKey: "msg",
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const requestId = shared.context.getStore()?.requestId;
        return requestId ? { reqId: requestId } : {};
      },
    },
    { write: (line: string) => write(redact(line)) },
  );
}

/** The process's logger, at LOG_LEVEL, hiding this process's own secrets as well as the patterns. */
export function logger(): Logger {
  if (!shared.logger) {
    const env = getEnv();
    shared.logger = createLogger({
      level: env.LOG_LEVEL,
      secrets: [
        env.AUTH_SECRET,
        env.METRICS_TOKEN,
        env.DKIM_PRIVATE_KEY,
        ...urlSecrets(env.SMTP_URL),
        ...urlSecrets(env.DATABASE_URL),
      ],
    });
  }
  return shared.logger;
}

/** For the `log?: (line) => void` options that the worker, sender and cache take. */
export function logLine(line: string): void {
  logger().info(line);
}

/** An operational failure: the message says what failed, the error goes to `err` (with its stack). */
export function logError(message: string, error: unknown): void {
  logger().error({ err: error }, message);
}

// lib/errors.ts reports what users are not shown through here once the server has loaded this module.
(globalThis as Record<symbol, typeof logError>)[ERROR_REPORTER] = logError;
