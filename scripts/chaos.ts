// npm run chaos – break the simulated platform on purpose: one fault, a named
// incident scenario, or a look at what is broken now. Talks to the simulator
// at SIMULATOR_URL; flags are checked against the catalog before it is called.
import { parseArgs } from "node:util";
import { z } from "zod";
import {
  ANY,
  describeFault,
  describeIssues,
  expandScenario,
  FAULT_MODES,
  type FaultRequest,
  faultRequestSchema,
  parseDuration,
  parseMode,
  SCENARIOS,
  type ScenarioRequest,
} from "../simulator/faults.ts";
import { runCommand } from "./command.ts";

const DEFAULT_FAULT_SECONDS = 5 * 60;
const REQUEST_TIMEOUT_MS = 5000;

const USAGE = `Break the simulated platform (start it with npm run simulator):
  npm run chaos -- --component checkout [--region us-central1.gcp] [--vantage europe-west1.gcp] --mode <mode> [--for 5m]
  npm run chaos -- --scenario bad-deploy [--region us-central1.gcp] [--vantage europe-west1.gcp] [--for 10m]
  npm run chaos -- --list      active faults and the scenarios
  npm run chaos -- --clear     end every fault now
Modes: down (503s), slow (6 s, past the probes' timeout), slow=4000 (ms), errors=30%,
       creep=200 (latency rises by 200 ms every minute from now: degraded past 1 s, down past the timeout).
Without --region a fault hits every region. With --vantage only the probe agent of that vantage region
sees it, like a broken network path: one vantage failing alone is at most a partial outage.
--for takes 90 (seconds), 30s, 5m or 1h (default 5m for a fault, 10m for a scenario).`;

const OPTIONS = {
  component: { type: "string" },
  region: { type: "string" },
  vantage: { type: "string" },
  mode: { type: "string" },
  for: { type: "string" },
  scenario: { type: "string" },
  list: { type: "boolean" },
  clear: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>["values"];

type Action =
  | { kind: "help" }
  | { kind: "list" }
  | { kind: "clear" }
  | { kind: "scenario"; name: string; request: ScenarioRequest }
  | { kind: "fault"; request: FaultRequest };

function readFlags(args: string[]): Flags {
  try {
    return parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    // Node's messages run on with advice about positionals; the first sentence is the point.
    const first = (error instanceof Error ? error.message : String(error)).split(". ")[0]?.replace(/\.$/, "");
    throw new Error(`${first}. See npm run chaos -- --help.`);
  }
}

/** Exactly one thing to do, with every value checked before the simulator is called. */
function actionFrom(flags: Flags): Action {
  const chosen = [
    flags.list && "--list",
    flags.clear && "--clear",
    flags.scenario !== undefined && "--scenario",
    (flags.component ?? flags.mode) !== undefined && "a fault",
  ].filter(Boolean);
  if (flags.help || (chosen.length === 0 && flags.region === undefined && flags.for === undefined))
    return { kind: "help" };
  if (chosen.length !== 1)
    throw new Error(
      `Choose one of --component/--mode, --scenario, --list or --clear (got ${chosen.length === 0 ? "none" : chosen.join(" and ")}).`,
    );
  if (flags.list || flags.clear) {
    if (flags.region !== undefined || flags.vantage !== undefined || flags.for !== undefined) {
      throw new Error(`${flags.list ? "--list" : "--clear"} takes no --region, --vantage or --for.`);
    }
    return { kind: flags.list ? "list" : "clear" };
  }
  const forSeconds = flags.for === undefined ? undefined : withFlag("--for", () => parseDuration(flags.for ?? ""));
  if (flags.scenario !== undefined) {
    const names = SCENARIOS.map((s) => s.name);
    const name = z.enum(names as [string, ...string[]]).safeParse(flags.scenario);
    if (!name.success) throw new Error(`Unknown scenario "${flags.scenario}": use one of ${names.join(", ")}.`);
    const request: ScenarioRequest = {
      ...(flags.region === undefined ? {} : { region: flags.region }),
      ...(flags.vantage === undefined ? {} : { vantage: flags.vantage }),
      ...(forSeconds === undefined ? {} : { forSeconds }),
    };
    try {
      expandScenario(name.data, request);
    } catch (error) {
      throw new Error(`${capitalise(error instanceof Error ? error.message : String(error))}.`);
    }
    return { kind: "scenario", name: name.data, request };
  }
  if (flags.component === undefined) throw new Error("A fault needs --component (a component key, or * for all).");
  if (flags.mode === undefined)
    throw new Error(`A fault needs --mode: ${FAULT_MODES.join(", ")} (slow=4000, errors=30%, creep=200).`);
  const mode = withFlag("--mode", () => parseMode(flags.mode ?? ""));
  const vantage = flags.vantage === undefined ? {} : { vantage: flags.vantage };
  const parsed = faultRequestSchema.safeParse({
    component: flags.component,
    region: flags.region ?? ANY,
    ...vantage,
    ...mode,
    forSeconds: forSeconds ?? DEFAULT_FAULT_SECONDS,
  });
  if (!parsed.success) throw new Error(`${capitalise(describeIssues(parsed.error))}.`);
  return { kind: "fault", request: parsed.data };
}

function withFlag<T>(flag: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new Error(`${flag}: ${error instanceof Error ? error.message : String(error)}.`);
  }
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const faultSchema = z.object({
  id: z.string(),
  component: z.string(),
  region: z.string(),
  vantage: z.string().optional(),
  mode: z.enum(FAULT_MODES),
  errorRate: z.number().optional(),
  latencyMs: z.number().optional(),
  creepMsPerMinute: z.number().optional(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  label: z.string().optional(),
});
type FaultView = z.infer<typeof faultSchema>;
const scenarioSchema = z.object({ name: z.string(), description: z.string(), defaultRegion: z.string().optional() });

/** One call to the simulator's control API; every failure becomes a sentence. */
async function callSimulator<T>(
  base: string,
  method: string,
  path: string,
  schema: z.ZodType<T>,
  body?: unknown,
): Promise<T> {
  const url = `${base.replace(/\/+$/, "")}/_chaos/${path}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    if (error instanceof Error && error.name === "TimeoutError")
      throw new Error(`The simulator at ${base} did not answer within ${REQUEST_TIMEOUT_MS / 1000} s.`);
    if (cause?.code === "ECONNREFUSED")
      throw new Error(`No simulator is running at ${base}: start it with npm run simulator (or set SIMULATOR_URL).`);
    throw new Error(
      `Cannot reach the simulator at ${base}: ${cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))}.`,
    );
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const refusal = z.object({ error: z.string() }).safeParse(payload);
    throw new Error(`The simulator refused: ${refusal.success ? refusal.data.error : `HTTP ${response.status}`}.`);
  }
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new Error(`${base} answered, but not like the simulator: is SIMULATOR_URL right?`);
  return parsed.data;
}

const clock = (iso: string) => `${iso.slice(11, 19)} UTC`;

function formatSeconds(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

function faultLine(fault: FaultView, now: number): string {
  const left = Math.max(1, Math.ceil((Date.parse(fault.endsAt) - now) / 1000));
  const label = fault.label ? `  [${fault.label}]` : "";
  return `  ${fault.id.padEnd(5)} ${describeFault(fault)}, until ${clock(fault.endsAt)} (${formatSeconds(left > 60 ? Math.ceil(left / 60) * 60 : left)} left)${label}`;
}

async function run(action: Action, base: string): Promise<void> {
  switch (action.kind) {
    case "help":
      return console.log(USAGE);
    case "fault": {
      const { fault } = await callSimulator(base, "POST", "faults", z.object({ fault: faultSchema }), action.request);
      return console.log(
        `Injected ${fault.id}: ${describeFault(fault)} for ${formatSeconds(action.request.forSeconds)}, until ${clock(fault.endsAt)}.`,
      );
    }
    case "scenario": {
      const { faults } = await callSimulator(
        base,
        "POST",
        `scenarios/${action.name}`,
        z.object({ faults: z.array(faultSchema) }),
        action.request,
      );
      const until = faults[0] ? `, until ${clock(faults[0].endsAt)}` : "";
      console.log(`Started ${action.name}${until}:`);
      for (const fault of faults) console.log(`  ${fault.id.padEnd(5)} ${describeFault(fault)}`);
      return;
    }
    case "clear": {
      const { cleared } = await callSimulator(base, "DELETE", "faults", z.object({ cleared: z.number() }));
      return console.log(
        cleared === 0 ? "No faults were active." : `Cleared ${cleared} fault${cleared === 1 ? "" : "s"}.`,
      );
    }
    case "list": {
      const [{ faults }, { scenarios }] = await Promise.all([
        callSimulator(base, "GET", "faults", z.object({ faults: z.array(faultSchema) })),
        callSimulator(base, "GET", "scenarios", z.object({ scenarios: z.array(scenarioSchema) })),
      ]);
      const now = Date.now();
      console.log(
        faults.length === 0 ? "No active faults: the platform is healthy." : `Active faults (${faults.length}):`,
      );
      for (const fault of faults) console.log(faultLine(fault, now));
      console.log("\nScenarios (--scenario <name> [--region r] [--vantage v] [--for 10m]):");
      for (const s of scenarios)
        console.log(
          `  ${s.name.padEnd(28)} ${s.description}${s.defaultRegion ? ` Default region: ${s.defaultRegion}.` : ""}`,
        );
    }
  }
}

runCommand(async (env) => {
  const action = actionFrom(readFlags(process.argv.slice(2)));
  await run(action, env.SIMULATOR_URL);
});
