// The environment, read once through a zod schema. A missing or bad variable
// stops start-up with one line that names it (see describeEnvError).
import { createPrivateKey } from "node:crypto";
import { z } from "zod";
import { parseTrustedProxies } from "./http/client-address.ts";

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (
        (url.protocol === "postgresql:" || url.protocol === "postgres:") &&
        url.hostname !== "" &&
        url.pathname.length > 1
      );
    } catch {
      return false;
    }
  }, "must look like postgresql://user:password@host:5432/database");

const port = z.coerce.number().int().min(1).max(65535);

/** CSP source expressions, space-separated: no ";" or "," that could open another directive. */
const FRAME_ANCESTORS =
  /^(?:'none'|'self'|\*|[a-z][a-z0-9+.-]*:(?:\/\/[^\s;,']+)?|[^\s;,'"]+)(?:\s+(?:'self'|\*|[a-z][a-z0-9+.-]*:(?:\/\/[^\s;,']+)?|[^\s;,'"]+))*$/i;

function isLoopbackHost(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** Any PostgreSQL; when absent, the project starts its own embedded one. */
    DATABASE_URL: postgresUrl.optional(),
    /** Where the embedded PostgreSQL and other local state live. */
    BELLWETHER_DATA_DIR: z.string().min(1).default(".data"),
    HOST: z.string().min(1).default("127.0.0.1"),
    PORT: port.default(3000),
    /** The address readers use; links in emails and feeds start with it. */
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** Signs sessions and links. Required in production; the demo makes one. */
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    /** The simulated commerce platform the demo's probes watch, and `chaos` talks to. */
    SIMULATOR_URL: z.url({ protocol: /^https?$/ }).default("http://127.0.0.1:4010"),
    /** How long raw check results are kept; rollups are kept for years. */
    RAW_RESULT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    /** The mail server for sign-in links and subscriber email, e.g. smtps://user:pass@smtp.example.com:465. */
    SMTP_URL: z
      .url({ protocol: /^smtps?$/, error: "must look like smtp://user:password@host:587 or smtps://…:465" })
      .optional(),
    /** The sender of every email. */
    MAIL_FROM: z.string().trim().min(3).default("Bellwether <bellwether@localhost>"),
    /** Demo only: catch all mail locally and show it at /admin/mailbox. Never with SMTP_URL. */
    MAIL_CATCHER: z.stringbool().default(false),
    /** Where the mail catcher listens (on 127.0.0.1). */
    MAIL_CATCHER_PORT: port.default(1025),
    /** DKIM signing of subscriber mail: all three or none. */
    DKIM_DOMAIN: z
      .string()
      .trim()
      .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, "must be a domain name such as example.com")
      .optional(),
    DKIM_SELECTOR: z
      .string()
      .trim()
      .regex(/^[a-z0-9._-]+$/i, "must be a DNS label such as bellwether1")
      .optional(),
    /** PEM (PKCS#1 or PKCS#8); a one-line value may write its line breaks as \n. */
    DKIM_PRIVATE_KEY: z
      .string()
      .transform((value) => value.replace(/\\n/g, "\n").trim())
      .refine((pem) => {
        try {
          return createPrivateKey(pem).asymmetricKeyType === "rsa";
        } catch {
          return false;
        }
      }, "must be an RSA private key in PEM form")
      .optional(),
    /** Detection proposes incidents for tier-2 components too (tier 1 always). */
    DETECT_TIER_2: z
      .enum(["true", "false"], { message: "must be true or false" })
      .default("false")
      .transform((v) => v === "true"),
    /** Maintenance must be announced this long before it starts (engineers may mark a window urgent). */
    MAINTENANCE_NOTICE_HOURS: z.coerce
      .number()
      .int()
      .min(0)
      .max(24 * 90)
      .default(24),
    /** A P1 incident's postmortem is due this many business days (Mon–Fri, UTC) after resolution. */
    POSTMORTEM_DUE_BUSINESS_DAYS_P1: z.coerce.number().int().min(1).max(60).default(3),
    /** A P2 incident's postmortem is due this many business days after resolution. */
    POSTMORTEM_DUE_BUSINESS_DAYS_P2: z.coerce.number().int().min(1).max(60).default(5),
    /** Action-item owners are reminded this many days before the due date. */
    ACTION_ITEM_REMINDER_DAYS: z.coerce.number().int().min(0).max(60).default(2),
    /** Who may set X-Forwarded-For: unset (nobody: the socket is the client), a hop count, or proxy addresses/CIDRs. */
    TRUSTED_PROXIES: z
      .string()
      .optional()
      .superRefine((value, ctx) => {
        try {
          parseTrustedProxies(value);
        } catch (error) {
          ctx.addIssue({
            code: "custom",
            message: `must be a hop count such as 1 or addresses/CIDRs such as 10.0.0.0/8,::1: ${(error as Error).message}`,
          });
        }
      }),
    /** Who may embed the public pages in a frame (CSP frame-ancestors); the console and token pages never. */
    PUBLIC_FRAME_ANCESTORS: z
      .string()
      .trim()
      .regex(FRAME_ANCESTORS, "must be CSP sources such as 'self' https://shop.example.com, or 'none' or *")
      .default("'self'"),
    /** Where the web role renders snapshots: a process of its own (off the serving loop), or inline (~190 MB less). */
    SNAPSHOT_RENDERER: z.enum(["process", "inline"]).default("process"),
    /** Results older than this are refused from agents (a buffer replayed after an outage fits in it). */
    AGENT_REPLAY_WINDOW_DAYS: z.coerce.number().int().min(1).max(90).default(7),
    /** New pending subscriptions the form accepts an hour, over every address and client. */
    SUBSCRIBE_PENDING_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(500),
    /** Webhooks may call loopback, private and link-local addresses: the demo's catcher and the tests only. */
    WEBHOOK_ALLOW_PRIVATE: z.stringbool().default(false),
    /** The least severe log lines written (JSON on stdout). */
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Bearer token a Prometheus scraper sends to /metrics; unset: /metrics answers loopback clients only. */
    METRICS_TOKEN: z.string().trim().min(16, "must be at least 16 characters").optional(),
    /** Drills and tests only: run every scheduled job of the worker on this cron expression instead of its own. */
    WORKER_JOB_SCHEDULE: z
      .string()
      .trim()
      .regex(/^\S+(\s+\S+){4,5}$/, "must be a cron expression such as */5 * * * * * (seconds first when six fields)")
      .optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.AUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_SECRET"],
        message: "is required in production (at least 32 random characters)",
      });
    }
    if (env.MAIL_CATCHER && env.SMTP_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["MAIL_CATCHER"],
        message: "cannot be on while SMTP_URL is set: caught mail would be readable by anyone",
      });
    }
    if (env.MAIL_CATCHER && !isLoopbackHost(env.HOST)) {
      ctx.addIssue({
        code: "custom",
        path: ["MAIL_CATCHER"],
        message: `needs HOST on loopback (127.0.0.1 or ::1), not ${env.HOST}: the demo mailbox holds sign-in links`,
      });
    }
    const dkim = [env.DKIM_DOMAIN, env.DKIM_SELECTOR, env.DKIM_PRIVATE_KEY];
    if (dkim.some((v) => v !== undefined) && dkim.some((v) => v === undefined)) {
      const missing = (["DKIM_DOMAIN", "DKIM_SELECTOR", "DKIM_PRIVATE_KEY"] as const).find(
        (name) => env[name] === undefined,
      )!;
      ctx.addIssue({
        code: "custom",
        path: [missing],
        message: "is needed too: DKIM takes DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY together",
      });
    }
  });

export type Env = z.infer<typeof envSchema> & { PUBLIC_URL: string };

export class EnvError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(issues.map((i) => `${i.variable} ${i.message}`).join("; "));
    this.name = "EnvError";
  }
}

/** Pure: parses a given environment; throws EnvError naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty string means "not set", as shells and .env files write it.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? "environment"),
        message: issue.code === "invalid_type" && issue.input === undefined ? "is missing" : issue.message,
      })),
    );
  }
  const env = result.data;
  return { ...env, PUBLIC_URL: env.PUBLIC_URL ?? `http://localhost:${env.PORT}` };
}

/** One line for a person: which variable, what is wrong with it. */
export function describeEnvError(error: EnvError): string {
  return `Configuration error: ${error.issues.map((i) => `${i.variable} ${i.message}`).join("; ")}.`;
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * next-auth v4 reads its address from process.env.NEXTAUTH_URL; it must be
 * ours, never the request's Host header, since sign-in links are built from it.
 */
export function exportAuthEnvironment(env: Env = getEnv()): void {
  process.env.NEXTAUTH_URL = env.PUBLIC_URL;
}
