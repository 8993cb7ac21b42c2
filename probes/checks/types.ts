// What one check is asked to do and what it reports. The schemas validate a
// Probe row (headers and assertions are JSON columns) before it is run.
import { z } from "zod";
import type { CheckOutcome, ProbeKind } from "../../lib/generated/prisma/enums.ts";
import { parseJsonPath } from "./json-path.ts";
import { CheckTargetError, parseHostname, parseHostPort, parseHttpUrl } from "./target.ts";

export type { CheckOutcome, ProbeKind as CheckKind };

const bodyContainsSchema = z.object({ type: z.literal("body_contains"), value: z.string().min(1) });

const jsonPathSchema = z
  .object({
    type: z.literal("json_path"),
    path: z
      .string()
      .refine((path) => parseJsonPath(path) !== null, 'must look like "$.status" or "$.data.items[0].id"'),
    equals: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
    /** Without `equals` or `exists`, the path must exist. */
    exists: z.boolean().optional(),
  })
  .refine((a) => !(a.exists === false && a.equals !== undefined), "a path cannot both be absent and equal a value");

export const assertionSchema = z.discriminatedUnion("type", [bodyContainsSchema, jsonPathSchema]);
export const assertionsSchema = z.array(assertionSchema);
export type Assertion = z.infer<typeof assertionSchema>;
export type JsonPathAssertion = z.infer<typeof jsonPathSchema>;

const targetParsers: Record<ProbeKind, (target: string) => unknown> = {
  http: parseHttpUrl,
  tcp: parseHostPort,
  tls: parseHostPort,
  dns: parseHostname,
};

export const checkDefinitionSchema = z
  .object({
    kind: z.enum(["http", "tcp", "dns", "tls"]),
    /** URL for http, host:port for tcp and tls, hostname for dns. */
    target: z.string().min(1),
    method: z.string().regex(/^[A-Za-z]+$/, "must be an HTTP method"),
    headers: z.record(z.string(), z.string()),
    body: z.string().nullable(),
    /** null: any 2xx. */
    expectedStatus: z.number().int().min(100).max(599).nullable(),
    assertions: assertionsSchema,
    timeoutMs: z.number().int().min(1).max(120_000),
    /** Latency above which an otherwise good check is "degraded". */
    degradedAboveMs: z.number().int().min(0),
    /** TLS: "degraded" this many days before the certificate expires. */
    tlsWarnDays: z.number().int().min(0),
  })
  .superRefine((definition, ctx) => {
    try {
      targetParsers[definition.kind](definition.target);
    } catch (error) {
      if (!(error instanceof CheckTargetError)) throw error;
      ctx.addIssue({ code: "custom", path: ["target"], message: error.message });
    }
  });

export type CheckDefinition = z.infer<typeof checkDefinitionSchema>;

export interface CheckResultData {
  outcome: CheckOutcome;
  latencyMs: number | null;
  statusCode: number | null;
  /** A short reason a person can read: why down, or why degraded; null when up. */
  error: string | null;
}
