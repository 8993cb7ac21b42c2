// The simulated platform's behaviour, and the faults a person injects into it.
// Pure: the clock and the random source are arguments, so every answer the
// simulator gives can be reproduced in a test.
import { z } from "zod";
import { PRODUCTS, REGIONS } from "../lib/platform/catalog.ts";

export const FAULT_MODES = ["down", "slow", "errors", "creep"] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

/** "*" stands for every component, or every region. */
export const ANY = "*";

export interface Fault {
  id: string;
  component: string;
  region: string;
  mode: FaultMode;
  /** errors: the share of requests that fail, 0..1. */
  errorRate?: number;
  /** slow: how long a request takes. */
  latencyMs?: number;
  /** creep: how much slower every answer gets per minute since the fault started. */
  creepMsPerMinute?: number;
  /** Seen only by requests from this vantage (a network path problem); every caller otherwise. */
  vantage?: string;
  startsAt: Date;
  endsAt: Date;
  label?: string;
}

/** Median health-check latency per region as the probes see it; Sydney is far from everyone. */
export const REGION_BASE_LATENCY_MS: Readonly<Record<string, number>> = {
  "europe-west1.gcp": 18,
  "us-central1.gcp": 24,
  "australia-southeast1.gcp": 88,
  "eu-central-1.aws": 16,
  "us-east-2.aws": 29,
};
const FALLBACK_BASE_LATENCY_MS = 40;
/** Jitter on a healthy answer never exceeds this, so it stays far below a probe's 1 s "degraded" line. */
export const MAX_NORMAL_JITTER_MS = 250;
/** Above the probes' default 5 s timeout: plain `slow` reads as an outage, `slow=4000` as degradation. */
export const DEFAULT_SLOW_LATENCY_MS = 6000;
export const MAX_FAULT_SECONDS = 7 * 24 * 3600;
/** No answer waits longer than this, however long a creep has run. */
export const MAX_DELAY_MS = 120_000;

const COMPONENTS = PRODUCTS.flatMap((product) => product.components);
const REGION_KEYS = REGIONS.map((region) => region.key);

/** Why the platform has no such health endpoint (exact keys, no wildcards), or null when it has. */
export function hostingProblem(component: string, region: string): string | null {
  const spec = COMPONENTS.find((c) => c.key === component);
  if (!REGION_KEYS.includes(region)) return `unknown region "${region}"`;
  if (!spec) return `unknown component "${component}"`;
  if (!spec.regions.includes(region)) return `${component} does not run in ${region}`;
  return null;
}

const typeError = (field: string, purpose: string, expected: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? `${field} is required: ${purpose}` : `${field} must be ${expected}`;
const knownOrAny = (keys: readonly string[]) => (key: string) => key === ANY || keys.includes(key);

export const faultRequestSchema = z
  .strictObject(
    {
      component: z
        .string({ error: typeError("component", "a component key or *", "a component key or *") })
        .refine(knownOrAny(COMPONENTS.map((c) => c.key)), {
          error: (issue) =>
            `unknown component "${String(issue.input)}" (one of: ${COMPONENTS.map((c) => c.key).join(", ")})`,
        }),
      region: z
        .string({ error: typeError("region", "a region key or *", "a region key or *") })
        .refine(knownOrAny(REGION_KEYS), {
          error: (issue) => `unknown region "${String(issue.input)}" (one of: ${REGION_KEYS.join(", ")})`,
        }),
      vantage: z
        .string({ error: "vantage must be a region key" })
        .refine((key) => REGION_KEYS.includes(key), {
          error: (issue) => `unknown vantage "${String(issue.input)}" (one of: ${REGION_KEYS.join(", ")})`,
        })
        .optional(),
      mode: z.enum(FAULT_MODES, { error: "mode must be down, slow, errors or creep" }),
      percent: z
        .number({ error: "percent must be a number from 1 to 100" })
        .min(1, "percent must be 1 to 100")
        .max(100, "percent must be 1 to 100")
        .optional(),
      latencyMs: z
        .number({ error: "latencyMs must be a number of milliseconds" })
        .int("latencyMs must be a whole number")
        .min(1, "latencyMs must be 1 to 120000")
        .max(120_000, "latencyMs must be 1 to 120000")
        .optional(),
      creepMsPerMinute: z
        .number({ error: "creepMsPerMinute must be a number of milliseconds" })
        .int("creepMsPerMinute must be a whole number")
        .min(1, "creepMsPerMinute must be 1 to 60000")
        .max(60_000, "creepMsPerMinute must be 1 to 60000")
        .optional(),
      forSeconds: z
        .number({ error: typeError("forSeconds", "how many seconds the fault lasts", "a number of seconds") })
        .int("forSeconds must be a whole number")
        .min(1, "forSeconds must be at least 1")
        .max(MAX_FAULT_SECONDS, `forSeconds must be at most ${MAX_FAULT_SECONDS} (7 days)`),
      label: z.string({ error: "label must be text" }).max(200, "label must be at most 200 characters").optional(),
    },
    {
      error:
        "the body must be a JSON object: { component, region, vantage?, mode, percent?, latencyMs?, creepMsPerMinute?, forSeconds, label? }",
    },
  )
  .superRefine((request, ctx) => {
    // Unknown keys are reported by the fields; here only a pair the platform does not host.
    const spec = COMPONENTS.find((c) => c.key === request.component);
    if (spec && REGION_KEYS.includes(request.region) && !spec.regions.includes(request.region)) {
      ctx.addIssue({ code: "custom", path: ["region"], message: `${spec.key} does not run in ${request.region}` });
    }
    if (request.mode === "errors" && request.percent === undefined)
      ctx.addIssue({ code: "custom", path: ["percent"], message: "percent is required for mode errors (1 to 100)" });
    if (request.mode !== "errors" && request.percent !== undefined)
      ctx.addIssue({ code: "custom", path: ["percent"], message: "percent only applies to mode errors" });
    if (request.mode !== "slow" && request.latencyMs !== undefined)
      ctx.addIssue({ code: "custom", path: ["latencyMs"], message: "latencyMs only applies to mode slow" });
    if (request.mode === "creep" && request.creepMsPerMinute === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["creepMsPerMinute"],
        message: "creepMsPerMinute is required for mode creep (1 to 60000)",
      });
    }
    if (request.mode !== "creep" && request.creepMsPerMinute !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["creepMsPerMinute"],
        message: "creepMsPerMinute only applies to mode creep",
      });
    }
  });
export type FaultRequest = z.infer<typeof faultRequestSchema>;

/** One line for a person: every issue, no paths they did not write. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(", ")}`
        : issue.message,
    )
    .join("; ");
}

export function createFault(request: FaultRequest, context: { id: string; now: Date }): Fault {
  return {
    id: context.id,
    component: request.component,
    region: request.region,
    ...(request.vantage ? { vantage: request.vantage } : {}),
    mode: request.mode,
    ...(request.mode === "errors" ? { errorRate: (request.percent ?? 100) / 100 } : {}),
    ...(request.mode === "slow" ? { latencyMs: request.latencyMs ?? DEFAULT_SLOW_LATENCY_MS } : {}),
    ...(request.mode === "creep" ? { creepMsPerMinute: request.creepMsPerMinute } : {}),
    startsAt: context.now,
    endsAt: new Date(context.now.getTime() + request.forSeconds * 1000),
    ...(request.label ? { label: request.label } : {}),
  };
}

export function isActive(fault: Fault, now: Date): boolean {
  return fault.startsAt.getTime() <= now.getTime() && now.getTime() < fault.endsAt.getTime();
}

function matches(fault: Fault, component: string, region: string, vantage: string | null): boolean {
  const where =
    (fault.component === ANY || fault.component === component) && (fault.region === ANY || fault.region === region);
  return where && (fault.vantage === undefined || fault.vantage === vantage);
}

export interface HealthResponse {
  status: number;
  delayMs: number;
  body: Record<string, unknown>;
}

/** A standard normal draw (Box–Muller); 1 - random() keeps log() away from 0. */
function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function normalLatency(region: string, random: () => number): number {
  const base = REGION_BASE_LATENCY_MS[region] ?? FALLBACK_BASE_LATENCY_MS;
  // Log-normal: most answers a few ms over the base, a long thin tail.
  const jitter = Math.min(MAX_NORMAL_JITTER_MS, 6 * Math.exp(0.9 * gaussian(random)));
  return Math.round(base + jitter);
}

/** The extra delay of the steepest creep now: it grows linearly from the fault's start. */
function creepDelay(faults: readonly Fault[], now: Date): number {
  const minutes = (f: Fault) => (now.getTime() - f.startsAt.getTime()) / 60_000;
  return Math.max(0, ...faults.filter((f) => f.mode === "creep").map((f) => (f.creepMsPerMinute ?? 0) * minutes(f)));
}

/**
 * How the platform answers one health check, asked from `vantage` (null when
 * the caller did not say). Down beats everything; otherwise the worst of each
 * kind applies: the highest error rate, the longest delay, the steepest creep.
 */
export function respond(input: {
  component: string;
  region: string;
  vantage?: string | null;
  now: Date;
  faults: readonly Fault[];
  random: () => number;
}): HealthResponse {
  const { component, region, random } = input;
  const active = input.faults.filter(
    (f) => isActive(f, input.now) && matches(f, component, region, input.vantage ?? null),
  );
  const down = active.find((f) => f.mode === "down");
  if (down) {
    // A load balancer with no healthy backend answers at once.
    const delayMs = REGION_BASE_LATENCY_MS[region] ?? FALLBACK_BASE_LATENCY_MS;
    return { status: 503, delayMs, body: { status: "unavailable", component, region, fault: down.id } };
  }
  const slow = worst(active, "slow", (f) => f.latencyMs ?? DEFAULT_SLOW_LATENCY_MS);
  const errors = worst(active, "errors", (f) => f.errorRate ?? 1);
  const base = slow
    ? Math.round((slow.latencyMs ?? DEFAULT_SLOW_LATENCY_MS) * (0.95 + 0.1 * random()))
    : normalLatency(region, random);
  const creep = creepDelay(active, input.now);
  const delayMs = Math.min(MAX_DELAY_MS, base + Math.round(creep));
  if (errors && random() < (errors.errorRate ?? 1)) {
    return { status: 500, delayMs, body: { status: "error", component, region, fault: errors.id } };
  }
  const slowedBy = slow ?? (creep > 0 ? active.find((f) => f.mode === "creep") : undefined);
  return {
    status: 200,
    delayMs,
    body: { status: "ok", component, region, ...(slowedBy ? { fault: slowedBy.id } : {}) },
  };
}

function worst(faults: readonly Fault[], mode: FaultMode, severity: (fault: Fault) => number): Fault | undefined {
  return faults
    .filter((f) => f.mode === mode)
    .reduce<Fault | undefined>((a, b) => (a && severity(a) >= severity(b) ? a : b), undefined);
}

const DURATION_UNITS: Record<string, number> = { "": 1, s: 1, m: 60, h: 3600 };

/** "90" (seconds), "30s", "5m", "1h" → seconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+)([smh]?)$/.exec(text.trim());
  const seconds = match ? Number(match[1]) * (DURATION_UNITS[match[2] ?? ""] ?? 1) : Number.NaN;
  if (!Number.isSafeInteger(seconds) || seconds < 1)
    throw new Error(`"${text}" is not a duration: use 90 (seconds), 30s, 5m or 1h`);
  if (seconds > MAX_FAULT_SECONDS) throw new Error(`"${text}" is too long: a fault lasts at most 7 days`);
  return seconds;
}

export type ModeRequest = Pick<FaultRequest, "mode" | "percent" | "latencyMs" | "creepMsPerMinute">;

/** "down", "slow", "slow=4000" (ms), "errors=30%", "creep=200" (ms per minute) → the mode part of a fault request. */
export function parseMode(text: string): ModeRequest {
  const value = text.trim();
  if (value === "down") return { mode: "down" };
  if (value === "slow") return { mode: "slow" };
  const slow = /^slow=(\d+)(?:ms)?$/.exec(value);
  if (slow) {
    const latencyMs = Number(slow[1]);
    if (latencyMs >= 1 && latencyMs <= 120_000) return { mode: "slow", latencyMs };
    throw new Error(`"${text}": slow takes 1 to 120000 ms`);
  }
  const errors = /^errors=(\d+(?:\.\d+)?)%?$/.exec(value);
  if (errors) {
    const percent = Number(errors[1]);
    if (percent >= 1 && percent <= 100) return { mode: "errors", percent };
    throw new Error(`"${text}": errors takes 1% to 100%`);
  }
  const creep = /^creep=(\d+)(?:ms)?(?:\/min)?$/.exec(value);
  if (creep) {
    const creepMsPerMinute = Number(creep[1]);
    if (creepMsPerMinute >= 1 && creepMsPerMinute <= 60_000) return { mode: "creep", creepMsPerMinute };
    throw new Error(`"${text}": creep takes 1 to 60000 ms per minute`);
  }
  if (value === "creep") throw new Error(`"${text}": creep needs a rate, e.g. creep=200 (ms per minute)`);
  throw new Error(`"${text}" is not a mode: use down, slow, slow=4000 (ms), errors=30% or creep=200 (ms per minute)`);
}

export interface Scenario {
  name: string;
  description: string;
  /** The region a one-region scenario hits when none is given. */
  defaultRegion?: string;
  faults(region: string): Omit<FaultRequest, "forSeconds" | "label">[];
}

export const DEFAULT_SCENARIO_SECONDS = 10 * 60;

export const SCENARIOS: readonly Scenario[] = [
  {
    name: "checkout-database-failure",
    description:
      "Checkout's database fails over in one region: checkout is down and half of the cart and order calls fail.",
    defaultRegion: "eu-central-1.aws",
    faults: (region) => [
      { component: "checkout", region, mode: "down" },
      { component: "carts-orders-api", region, mode: "errors", percent: 50 },
    ],
  },
  {
    name: "payment-gateway-timeouts",
    description: "A payment provider slows down: checkout takes about 8 s everywhere and one call in five fails.",
    faults: (region) => [
      { component: "checkout", region, mode: "slow", latencyMs: 8000 },
      { component: "checkout", region, mode: "errors", percent: 20 },
    ],
  },
  {
    name: "bad-deploy",
    description:
      "A bad release reaches one region: 30% of cart, order and product API calls fail until it is rolled back.",
    defaultRegion: "us-central1.gcp",
    faults: (region) => [
      { component: "carts-orders-api", region, mode: "errors", percent: 30 },
      { component: "products-api", region, mode: "errors", percent: 30 },
    ],
  },
  {
    name: "cdn-failure-merchant-center",
    description:
      "The CDN in front of Merchant Center fails: merchants cannot reach their admin in any region; shoppers are unaffected.",
    faults: (region) => [{ component: "merchant-center", region, mode: "down" }],
  },
];

export const scenarioRequestSchema = z.strictObject(
  {
    region: z.string({ error: "region must be a region key" }).min(1, "region must not be empty").optional(),
    vantage: z.string({ error: "vantage must be a region key" }).min(1, "vantage must not be empty").optional(),
    forSeconds: faultRequestSchema.shape.forSeconds.optional(),
  },
  { error: "the body must be a JSON object: { region?, vantage?, forSeconds? }" },
);
export type ScenarioRequest = z.infer<typeof scenarioRequestSchema>;

/** A scenario as fault requests; a region narrows an everywhere scenario or moves a one-region one. */
export function expandScenario(name: string, options: ScenarioRequest = {}): FaultRequest[] {
  const scenario = SCENARIOS.find((s) => s.name === name);
  if (!scenario) throw new Error(`unknown scenario "${name}" (one of: ${SCENARIOS.map((s) => s.name).join(", ")})`);
  const region = options.region ?? scenario.defaultRegion ?? ANY;
  const forSeconds = options.forSeconds ?? DEFAULT_SCENARIO_SECONDS;
  return scenario.faults(region).map((fault) => {
    const parsed = faultRequestSchema.safeParse({
      ...fault,
      ...(options.vantage ? { vantage: options.vantage } : {}),
      forSeconds,
      label: scenario.name,
    });
    if (!parsed.success) throw new Error(`scenario ${scenario.name}: ${describeIssues(parsed.error)}`);
    return parsed.data;
  });
}

const HOW: Readonly<Record<FaultMode, (fault: Pick<Fault, "errorRate" | "latencyMs" | "creepMsPerMinute">) => string>> =
  {
    down: () => "down",
    slow: (f) => `slow (${f.latencyMs ?? DEFAULT_SLOW_LATENCY_MS} ms)`,
    errors: (f) => `errors ${Math.round((f.errorRate ?? 1) * 1000) / 10}%`,
    creep: (f) => `latency creeping up ${f.creepMsPerMinute ?? 0} ms a minute`,
  };

/** "checkout errors 30% in us-central1.gcp (seen from europe-west1.gcp only)" — how the CLI and logs name a fault. */
export function describeFault(
  fault: Pick<Fault, "component" | "region" | "vantage" | "mode" | "errorRate" | "latencyMs" | "creepMsPerMinute">,
): string {
  const what = fault.component === ANY ? "every component" : fault.component;
  const where = fault.region === ANY ? "every region" : fault.region;
  const from = fault.vantage ? ` (seen from ${fault.vantage} only)` : "";
  return `${what} ${HOW[fault.mode](fault)} in ${where}${from}`;
}
