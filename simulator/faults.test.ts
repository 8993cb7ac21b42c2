import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PRODUCTS, REGIONS } from "../lib/platform/catalog.ts";
import {
  createFault,
  DEFAULT_SCENARIO_SECONDS,
  DEFAULT_SLOW_LATENCY_MS,
  describeFault,
  describeIssues,
  expandScenario,
  type Fault,
  type FaultRequest,
  faultRequestSchema,
  MAX_DELAY_MS,
  MAX_NORMAL_JITTER_MS,
  parseDuration,
  parseMode,
  REGION_BASE_LATENCY_MS,
  respond,
  SCENARIOS,
} from "./faults.ts";

const NOW = new Date("2026-03-10T12:00:00Z");

/** A small seeded generator (mulberry32), so statistical checks are repeatable. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fault(request: Omit<FaultRequest, "forSeconds"> & { forSeconds?: number }, id = "f1", now = NOW): Fault {
  return createFault(faultRequestSchema.parse({ forSeconds: 300, ...request }), { id, now });
}

function sample(component: string, region: string, faults: Fault[], count = 2000, now = NOW) {
  const random = seeded(42);
  return Array.from({ length: count }, () => respond({ component, region, now, faults, random }));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

describe("a healthy platform", () => {
  it("answers 200 ok for the component and region asked", () => {
    const answer = respond({
      component: "checkout",
      region: "us-central1.gcp",
      now: NOW,
      faults: [],
      random: () => 0.5,
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: "ok", component: "checkout", region: "us-central1.gcp" });
  });

  it("answers within its region's base latency plus bounded jitter, far below a probe's 1 s degraded line", () => {
    const regions = fc.constantFrom(...REGIONS.map((r) => r.key));
    fc.assert(
      fc.property(
        regions,
        fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 4, maxLength: 4 }),
        (region, draws) => {
          let i = 0;
          const { delayMs } = respond({
            component: "search",
            region,
            now: NOW,
            faults: [],
            random: () => draws[i++ % draws.length] ?? 0,
          });
          const base = REGION_BASE_LATENCY_MS[region] ?? 0;
          expect(delayMs).toBeGreaterThanOrEqual(base);
          expect(delayMs).toBeLessThanOrEqual(base + MAX_NORMAL_JITTER_MS);
        },
      ),
    );
  });

  it("has realistic medians: 15–120 ms, Sydney slower than Frankfurt, with some spread", () => {
    for (const region of REGIONS) {
      const delays = sample("products-api", region.key, []).map((a) => a.delayMs);
      expect(median(delays)).toBeGreaterThanOrEqual(15);
      expect(median(delays)).toBeLessThanOrEqual(120);
      expect(new Set(delays).size).toBeGreaterThan(10);
    }
    const sydney = median(sample("search", "australia-southeast1.gcp", []).map((a) => a.delayMs));
    const frankfurt = median(sample("search", "eu-central-1.aws", []).map((a) => a.delayMs));
    expect(sydney).toBeGreaterThan(frankfurt + 40);
  });
});

describe("each fault mode", () => {
  it("down answers 503 at once", () => {
    const answer = respond({
      component: "checkout",
      region: "us-east-2.aws",
      now: NOW,
      faults: [fault({ component: "checkout", region: "us-east-2.aws", mode: "down" })],
      random: Math.random,
    });
    expect(answer.status).toBe(503);
    expect(answer.delayMs).toBeLessThan(100);
    expect(answer.body).toMatchObject({
      status: "unavailable",
      component: "checkout",
      region: "us-east-2.aws",
      fault: "f1",
    });
  });

  it("slow answers 200 after about 6 s by default, or after the latency asked for", () => {
    for (const answer of sample(
      "search",
      "europe-west1.gcp",
      [fault({ component: "search", region: "*", mode: "slow" })],
      200,
    )) {
      expect(answer.status).toBe(200);
      expect(answer.delayMs).toBeGreaterThanOrEqual(DEFAULT_SLOW_LATENCY_MS * 0.95);
      expect(answer.delayMs).toBeLessThanOrEqual(DEFAULT_SLOW_LATENCY_MS * 1.05);
    }
    const custom = sample(
      "search",
      "europe-west1.gcp",
      [fault({ component: "search", region: "*", mode: "slow", latencyMs: 4000 })],
      200,
    ).map((a) => a.delayMs);
    expect(Math.min(...custom)).toBeGreaterThanOrEqual(3800);
    expect(Math.max(...custom)).toBeLessThanOrEqual(4200);
  });

  it("errors fails about the share of requests asked for, with 500", () => {
    const answers = sample(
      "carts-orders-api",
      "us-central1.gcp",
      [fault({ component: "carts-orders-api", region: "us-central1.gcp", mode: "errors", percent: 30 })],
      4000,
    );
    const failed = answers.filter((a) => a.status === 500);
    expect(failed.length / answers.length).toBeGreaterThan(0.26);
    expect(failed.length / answers.length).toBeLessThan(0.34);
    expect(failed[0]?.body).toMatchObject({ status: "error", fault: "f1" });
    expect(answers.every((a) => a.status === 500 || a.status === 200)).toBe(true);
  });

  it("errors=100% fails every request", () => {
    expect(
      sample(
        "search",
        "us-east-2.aws",
        [fault({ component: "search", region: "*", mode: "errors", percent: 100 })],
        100,
      ).every((a) => a.status === 500),
    ).toBe(true);
  });
});

describe("a fault seen from one vantage", () => {
  const path = fault({ component: "checkout", region: "us-central1.gcp", vantage: "europe-west1.gcp", mode: "down" });
  const from = (vantage: string | null) =>
    respond({ component: "checkout", region: "us-central1.gcp", vantage, now: NOW, faults: [path], random: () => 0.5 })
      .status;

  it("fails only for requests from that vantage, like a broken network path", () => {
    expect(from("europe-west1.gcp")).toBe(503);
    for (const other of REGIONS.filter((r) => r.key !== "europe-west1.gcp")) expect(from(other.key)).toBe(200);
  });

  it("spares a caller that does not say where it is", () => expect(from(null)).toBe(200));

  it("is described with its vantage, and refuses an unknown one", () => {
    expect(describeFault(path)).toBe("checkout down in us-central1.gcp (seen from europe-west1.gcp only)");
    const parsed = faultRequestSchema.safeParse({
      component: "checkout",
      region: "*",
      vantage: "mars-1",
      mode: "down",
      forSeconds: 60,
    });
    expect(parsed.success ? null : describeIssues(parsed.error)).toMatch(
      /^unknown vantage "mars-1" \(one of: europe-west1.gcp, /,
    );
  });
});

describe("creep", () => {
  const creep = fault({ component: "search", region: "*", mode: "creep", creepMsPerMinute: 200, forSeconds: 3600 });
  const delayAfter = (minutes: number, faults: Fault[] = [creep]) =>
    respond({
      component: "search",
      region: "eu-central-1.aws",
      now: new Date(NOW.getTime() + minutes * 60_000),
      faults,
      random: () => 0.5,
    }).delayMs;

  it("adds its rate for every minute since it started: degraded past 1 s after about 5 minutes, past a 5 s timeout after 25", () => {
    const base = delayAfter(0);
    expect(base).toBeLessThan(100);
    expect(delayAfter(1) - base).toBe(200);
    expect(delayAfter(2.5) - base).toBe(500);
    expect(delayAfter(5) - base).toBe(1000);
    expect(delayAfter(25)).toBeGreaterThan(5000);
    expect(
      respond({ component: "search", region: "eu-central-1.aws", now: NOW, faults: [creep], random: () => 0.5 }).status,
    ).toBe(200);
  });

  it("rises without a step, adds to slow, never waits past the cap, and ends with the fault", () => {
    const delays = Array.from({ length: 60 }, (_, i) => delayAfter(i / 2));
    expect(delays.every((d, i) => i === 0 || d > delays[i - 1]!)).toBe(true);
    const slow = fault({ component: "search", region: "*", mode: "slow", latencyMs: 2000, forSeconds: 3600 }, "f2");
    expect(delayAfter(10, [creep, slow])).toBeGreaterThanOrEqual(1900 + 2000);
    const steep = fault(
      { component: "search", region: "*", mode: "creep", creepMsPerMinute: 60_000, forSeconds: 3600 },
      "f3",
    );
    expect(delayAfter(59, [steep])).toBe(MAX_DELAY_MS);
    expect(delayAfter(61)).toBeLessThan(100);
  });

  it("needs its rate, and only creep takes one", () => {
    const problems = (input: unknown) => {
      const parsed = faultRequestSchema.safeParse(input);
      return parsed.success ? null : describeIssues(parsed.error);
    };
    expect(problems({ component: "search", region: "*", mode: "creep", forSeconds: 60 })).toBe(
      "creepMsPerMinute is required for mode creep (1 to 60000)",
    );
    expect(problems({ component: "search", region: "*", mode: "down", creepMsPerMinute: 5, forSeconds: 60 })).toBe(
      "creepMsPerMinute only applies to mode creep",
    );
    expect(describeFault(creep)).toBe("search latency creeping up 200 ms a minute in every region");
  });
});

describe("expiry", () => {
  const down = fault({ component: "checkout", region: "*", mode: "down", forSeconds: 60 });
  const at = (seconds: number) =>
    respond({
      component: "checkout",
      region: "us-central1.gcp",
      now: new Date(NOW.getTime() + seconds * 1000),
      faults: [down],
      random: () => 0.5,
    }).status;

  it("applies from its start until just before its end, then never again", () => {
    expect(at(-1)).toBe(200);
    expect(at(0)).toBe(503);
    expect(at(59.999)).toBe(503);
    expect(at(60)).toBe(200);
    expect(at(3600)).toBe(200);
  });
});

describe("several faults on one component", () => {
  it("down beats slow and errors", () => {
    const faults = [
      fault({ component: "checkout", region: "*", mode: "slow" }, "f1"),
      fault({ component: "checkout", region: "*", mode: "errors", percent: 100 }, "f2"),
      fault({ component: "checkout", region: "europe-west1.gcp", mode: "down" }, "f3"),
    ];
    expect(
      respond({ component: "checkout", region: "europe-west1.gcp", now: NOW, faults, random: () => 0.5 }),
    ).toMatchObject({ status: 503, body: { fault: "f3" } });
  });

  it("the highest error rate and the longest delay apply, together", () => {
    const faults = [
      fault({ component: "checkout", region: "*", mode: "errors", percent: 10 }, "f1"),
      fault({ component: "*", region: "*", mode: "errors", percent: 90 }, "f2"),
      fault({ component: "checkout", region: "*", mode: "slow", latencyMs: 9000 }, "f3"),
      fault({ component: "checkout", region: "*", mode: "slow", latencyMs: 3000 }, "f4"),
    ];
    const answers = sample("checkout", "us-east-2.aws", faults, 1000);
    const failedShare = answers.filter((a) => a.status === 500).length / answers.length;
    expect(failedShare).toBeGreaterThan(0.85);
    expect(answers.every((a) => a.delayMs >= 9000 * 0.95)).toBe(true);
  });
});

describe("matching", () => {
  const everythingInIowa = fault({ component: "*", region: "us-central1.gcp", mode: "down" });
  const searchEverywhere = fault({ component: "search", region: "*", mode: "down" });
  const status = (component: string, region: string, faults: Fault[]) =>
    respond({ component, region, now: NOW, faults, random: () => 0.5 }).status;

  it("a * component hits every component in that region and nothing elsewhere", () => {
    for (const component of PRODUCTS.flatMap((p) => p.components).filter((c) =>
      c.regions.includes("us-central1.gcp"),
    )) {
      expect(status(component.key, "us-central1.gcp", [everythingInIowa])).toBe(503);
    }
    expect(status("checkout", "us-east-2.aws", [everythingInIowa])).toBe(200);
  });

  it("a * region hits that component everywhere and no other component", () => {
    for (const region of REGIONS) expect(status("search", region.key, [searchEverywhere])).toBe(503);
    expect(status("products-api", "us-central1.gcp", [searchEverywhere])).toBe(200);
  });
});

describe("fault requests", () => {
  const problems = (input: unknown) => {
    const parsed = faultRequestSchema.safeParse(input);
    return parsed.success ? null : describeIssues(parsed.error);
  };

  it("turn into a fault that lasts forSeconds, with errors as a rate and slow defaulting to 6 s", () => {
    const errors = fault({ component: "search", region: "*", mode: "errors", percent: 25, forSeconds: 90 });
    expect(errors).toMatchObject({ errorRate: 0.25, startsAt: NOW, endsAt: new Date("2026-03-10T12:01:30Z") });
    expect(fault({ component: "search", region: "*", mode: "slow" }).latencyMs).toBe(6000);
  });

  it("say what is wrong", () => {
    expect(problems({ component: "checkout", region: "*", mode: "errors", forSeconds: 60 })).toBe(
      "percent is required for mode errors (1 to 100)",
    );
    expect(problems({ component: "checkout", region: "australia-southeast1.gcp", mode: "down", forSeconds: 60 })).toBe(
      "checkout does not run in australia-southeast1.gcp",
    );
    expect(problems({ component: "basket", region: "*", mode: "down", forSeconds: 60 })).toMatch(
      /^unknown component "basket" \(one of: authentication, /,
    );
    expect(problems({ component: "search", region: "mars-1", mode: "down", forSeconds: 60 })).toMatch(
      /^unknown region "mars-1"/,
    );
    expect(problems({ component: "search", region: "*", mode: "down", forSeconds: 60, percent: 5 })).toBe(
      "percent only applies to mode errors",
    );
    expect(problems({ component: "search", region: "*", mode: "down", forSecs: 60 })).toBe(
      'forSeconds is required: how many seconds the fault lasts; unknown field "forSecs"',
    );
    expect(problems({ component: "search", region: "*", mode: "errors", percent: 150, forSeconds: 60 })).toBe(
      "percent must be 1 to 100",
    );
    expect(problems([])).toMatch(/^the body must be a JSON object/);
  });
});

describe("command-line values", () => {
  it.each([
    ["90", 90],
    ["30s", 30],
    ["5m", 300],
    ["1h", 3600],
    [" 10m ", 600],
  ])("duration %j is %i seconds", (text, seconds) => expect(parseDuration(text)).toBe(seconds));

  it.each(["0", "-5", "5x", "", "1.5h", "5 m", "2d"])("duration %j is refused with the accepted forms", (text) => {
    expect(() => parseDuration(text)).toThrow("use 90 (seconds), 30s, 5m or 1h");
  });

  it("refuses a fault longer than a week", () => expect(() => parseDuration("200h")).toThrow("at most 7 days"));

  it.each([
    ["down", { mode: "down" }],
    ["slow", { mode: "slow" }],
    ["slow=4000", { mode: "slow", latencyMs: 4000 }],
    ["slow=250ms", { mode: "slow", latencyMs: 250 }],
    ["errors=30%", { mode: "errors", percent: 30 }],
    ["errors=5", { mode: "errors", percent: 5 }],
    ["creep=200", { mode: "creep", creepMsPerMinute: 200 }],
    ["creep=50ms/min", { mode: "creep", creepMsPerMinute: 50 }],
  ])("mode %j", (text, expected) => expect(parseMode(text)).toEqual(expected));

  it.each([
    "fast",
    "errors",
    "errors=0%",
    "errors=101%",
    "slow=0",
    "slow=fast",
    "DOWN",
    "creep",
    "creep=0",
    "creep=fast",
  ])("mode %j is refused", (text) => {
    expect(() => parseMode(text)).toThrow(`"${text}"`);
  });
});

describe("scenarios", () => {
  const summary = (name: string, options = {}) =>
    expandScenario(name, options).map((f) => describeFault(createFault(f, { id: "x", now: NOW })));

  it("are the four modelled incidents", () => {
    expect(SCENARIOS.map((s) => s.name)).toEqual([
      "checkout-database-failure",
      "payment-gateway-timeouts",
      "bad-deploy",
      "cdn-failure-merchant-center",
    ]);
  });

  it("expand to the faults each incident causes", () => {
    expect(summary("checkout-database-failure")).toEqual([
      "checkout down in eu-central-1.aws",
      "carts-orders-api errors 50% in eu-central-1.aws",
    ]);
    expect(summary("payment-gateway-timeouts")).toEqual([
      "checkout slow (8000 ms) in every region",
      "checkout errors 20% in every region",
    ]);
    expect(summary("bad-deploy")).toEqual([
      "carts-orders-api errors 30% in us-central1.gcp",
      "products-api errors 30% in us-central1.gcp",
    ]);
    expect(summary("cdn-failure-merchant-center")).toEqual(["merchant-center down in every region"]);
  });

  it("take a region and a duration, and are labelled with their name", () => {
    expect(summary("bad-deploy", { region: "europe-west1.gcp" })).toEqual([
      "carts-orders-api errors 30% in europe-west1.gcp",
      "products-api errors 30% in europe-west1.gcp",
    ]);
    expect(summary("cdn-failure-merchant-center", { region: "us-east-2.aws" })).toEqual([
      "merchant-center down in us-east-2.aws",
    ]);
    const requests = expandScenario("payment-gateway-timeouts", { forSeconds: 120 });
    expect(requests.map((r) => [r.forSeconds, r.label])).toEqual([
      [120, "payment-gateway-timeouts"],
      [120, "payment-gateway-timeouts"],
    ]);
    expect(expandScenario("bad-deploy")[0]?.forSeconds).toBe(DEFAULT_SCENARIO_SECONDS);
  });

  it("take a vantage: the whole incident seen through one network path", () => {
    expect(summary("bad-deploy", { vantage: "us-east-2.aws" })).toEqual([
      "carts-orders-api errors 30% in us-central1.gcp (seen from us-east-2.aws only)",
      "products-api errors 30% in us-central1.gcp (seen from us-east-2.aws only)",
    ]);
    expect(() => expandScenario("bad-deploy", { vantage: "mars-1" })).toThrow('unknown vantage "mars-1"');
  });

  it("refuse a region the incident cannot happen in, and unknown names", () => {
    expect(() => expandScenario("checkout-database-failure", { region: "australia-southeast1.gcp" })).toThrow(
      "checkout does not run in australia-southeast1.gcp",
    );
    expect(() => expandScenario("bad-deploy", { region: "mars-1" })).toThrow('unknown region "mars-1"');
    expect(() => expandScenario("meteor-strike")).toThrow('unknown scenario "meteor-strike"');
  });

  it("break what they say and leave the rest alone", () => {
    const faults = expandScenario("checkout-database-failure").map((request, i) =>
      createFault(request, { id: `f${i}`, now: NOW }),
    );
    const status = (component: string, region: string) =>
      respond({ component, region, now: NOW, faults, random: () => 0.99 }).status;
    expect(status("checkout", "eu-central-1.aws")).toBe(503);
    expect(status("checkout", "us-central1.gcp")).toBe(200);
    expect(status("search", "eu-central-1.aws")).toBe(200);
  });
});
