// The simulated platform over real HTTP, and the chaos command against it: what
// a person running the demo sees when they break something on purpose.
import { execFile } from "node:child_process";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { findFreePort } from "../../lib/database/embedded.ts";
import { healthUrl, PRODUCTS } from "../../lib/platform/catalog.ts";
import { VANTAGE_HEADER } from "../../probes/checks/http.ts";
import { type Simulator, startSimulator } from "../../simulator/server.ts";

let simulator: Simulator;

beforeAll(async () => {
  simulator = await startSimulator({ host: "127.0.0.1", port: await findFreePort() });
});
afterAll(() => simulator.close());
beforeEach(async () => {
  await fetch(`${simulator.url}/_chaos/faults`, { method: "DELETE" });
});

async function get(path: string) {
  const response = await fetch(`${simulator.url}${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function send(method: string, path: string, body?: unknown) {
  const response = await fetch(`${simulator.url}${path}`, {
    method,
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const health = (region: string, component: string) =>
  get(new URL(healthUrl(simulator.url, region, component)).pathname);

/** A health check as a probe agent of `vantage` makes it: the agent names its vantage in a header. */
async function healthFrom(vantage: string, region: string, component: string) {
  const started = Date.now();
  const response = await fetch(healthUrl(simulator.url, region, component), { headers: { [VANTAGE_HEADER]: vantage } });
  await response.arrayBuffer();
  return { status: response.status, ms: Date.now() - started };
}

/** The real CLI in its own process; execFileSync would block this process's server. */
function chaos(
  args: string[],
  simulatorUrl = simulator.url,
): Promise<{ code: number; stdout: string; stderr: string[] }> {
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
    SIMULATOR_URL: simulatorUrl,
  } as unknown as NodeJS.ProcessEnv;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "scripts/chaos.ts", ...args],
      { env, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr: stderr.split("\n").filter(Boolean) });
      },
    );
  });
}

describe("health endpoints", () => {
  it("answer 200 quickly for every component in every region it runs in", async () => {
    const pairs = PRODUCTS.flatMap((p) => p.components).flatMap((c) =>
      c.regions.map((region) => ({ component: c.key, region })),
    );
    const started = Date.now();
    const answers = await Promise.all(pairs.map(({ component, region }) => health(region, component)));
    expect(answers.map((a) => a.status)).toEqual(pairs.map(() => 200));
    expect(answers[0]?.body).toEqual({ status: "ok", component: pairs[0]?.component, region: pairs[0]?.region });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("take as long as a slow fault says", async () => {
    await send("POST", "/_chaos/faults", {
      component: "search",
      region: "eu-central-1.aws",
      mode: "slow",
      latencyMs: 1500,
      forSeconds: 60,
    });
    const started = Date.now();
    expect((await health("eu-central-1.aws", "search")).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
  });

  it("answer 404 with a reason for what the platform does not host", async () => {
    expect(await health("australia-southeast1.gcp", "checkout")).toEqual({
      status: 404,
      body: { error: "checkout does not run in australia-southeast1.gcp" },
    });
    expect(await health("mars-1", "search")).toEqual({ status: 404, body: { error: 'unknown region "mars-1"' } });
    expect((await get("/us-central1.gcp/checkout")).status).toBe(404);
  });
});

describe("the control API", () => {
  it("injects a down fault that shows as 503 in that region only, lists it, and removes it", async () => {
    const created = await send("POST", "/_chaos/faults", {
      component: "checkout",
      region: "us-central1.gcp",
      mode: "down",
      forSeconds: 60,
    });
    expect(created.status).toBe(201);
    const fault = created.body.fault as { id: string; endsAt: string };
    expect(Date.parse(fault.endsAt) - Date.now()).toBeGreaterThan(55_000);

    expect(await health("us-central1.gcp", "checkout")).toMatchObject({ status: 503, body: { status: "unavailable" } });
    expect((await health("us-east-2.aws", "checkout")).status).toBe(200);
    expect((await health("us-central1.gcp", "search")).status).toBe(200);
    expect((await get("/_chaos/faults")).body.faults).toEqual([
      expect.objectContaining({ id: fault.id, component: "checkout", mode: "down" }),
    ]);

    expect((await send("DELETE", `/_chaos/faults/${fault.id}`)).status).toBe(200);
    expect((await health("us-central1.gcp", "checkout")).status).toBe(200);
    expect(await send("DELETE", `/_chaos/faults/${fault.id}`)).toEqual({
      status: 404,
      body: { error: `no active fault "${fault.id}"` },
    });
  });

  it("refuses a bad fault with 400 and a message that says what is wrong, never a trace", async () => {
    const missingPercent = await send("POST", "/_chaos/faults", {
      component: "checkout",
      region: "*",
      mode: "errors",
      forSeconds: 60,
    });
    expect(missingPercent).toEqual({ status: 400, body: { error: "percent is required for mode errors (1 to 100)" } });
    const notJson = await send("POST", "/_chaos/faults", "{component: checkout");
    expect(notJson).toEqual({ status: 400, body: { error: "the body is not valid JSON" } });
    const empty = await send("POST", "/_chaos/faults");
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatch(/^the body must be a JSON object/);
    expect((await get("/_chaos/faults")).body.faults).toEqual([]);
  });

  it("clears every fault at once", async () => {
    await send("POST", "/_chaos/faults", { component: "*", region: "europe-west1.gcp", mode: "down", forSeconds: 60 });
    await send("POST", "/_chaos/faults", { component: "search", region: "*", mode: "slow", forSeconds: 60 });
    expect((await health("europe-west1.gcp", "products-api")).status).toBe(503);
    expect(await send("DELETE", "/_chaos/faults")).toEqual({ status: 200, body: { cleared: 2 } });
    expect((await health("europe-west1.gcp", "products-api")).status).toBe(200);
  });

  it("lets a fault end by itself", async () => {
    await send("POST", "/_chaos/faults", { component: "search", region: "us-east-2.aws", mode: "down", forSeconds: 1 });
    expect((await health("us-east-2.aws", "search")).status).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await health("us-east-2.aws", "search")).status).toBe(200);
    expect((await get("/_chaos/faults")).body.faults).toEqual([]);
  });

  it("lists the scenarios and starts one", async () => {
    const names = ((await get("/_chaos/scenarios")).body.scenarios as { name: string }[]).map((s) => s.name);
    expect(names).toEqual([
      "checkout-database-failure",
      "payment-gateway-timeouts",
      "bad-deploy",
      "cdn-failure-merchant-center",
    ]);
    const started = await send("POST", "/_chaos/scenarios/cdn-failure-merchant-center", { forSeconds: 60 });
    expect(started.status).toBe(201);
    expect((await health("us-east-2.aws", "merchant-center")).status).toBe(503);
    expect((await health("australia-southeast1.gcp", "merchant-center")).status).toBe(503);
    expect((await health("us-east-2.aws", "checkout")).status).toBe(200);
    expect(await send("POST", "/_chaos/scenarios/meteor-strike")).toMatchObject({
      status: 404,
      body: { error: expect.stringMatching(/^unknown scenario "meteor-strike"/) },
    });
    expect(await send("POST", "/_chaos/scenarios/bad-deploy", { region: "mars-1" })).toMatchObject({
      status: 400,
      body: { error: expect.stringMatching(/unknown region "mars-1"/) },
    });
  });
});

describe("npm run chaos", () => {
  it("injects a fault the health endpoint then shows, lists it, and clears it", async () => {
    const injected = await chaos([
      "--component",
      "checkout",
      "--region",
      "us-central1.gcp",
      "--mode",
      "down",
      "--for",
      "5m",
    ]);
    expect(injected.stderr).toEqual([]);
    expect(injected.code).toBe(0);
    expect(injected.stdout).toMatch(
      /^Injected f\d+: checkout down in us-central1\.gcp for 5m, until \d\d:\d\d:\d\d UTC\.\n$/,
    );
    expect((await health("us-central1.gcp", "checkout")).status).toBe(503);

    const listed = await chaos(["--list"]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(
      /Active faults \(1\):\n {2}f\d+ +checkout down in us-central1\.gcp, until .+ \(5m left\)/,
    );
    expect(listed.stdout).toContain("bad-deploy");

    const cleared = await chaos(["--clear"]);
    expect(cleared).toMatchObject({ code: 0, stdout: "Cleared 1 fault.\n" });
    expect((await health("us-central1.gcp", "checkout")).status).toBe(200);
  });

  it("starts a scenario in the region given", async () => {
    const started = await chaos(["--scenario", "bad-deploy", "--region", "europe-west1.gcp", "--for", "90"]);
    expect(started.code).toBe(0);
    expect(started.stdout).toContain("carts-orders-api errors 30% in europe-west1.gcp");
    expect(started.stdout).toContain("products-api errors 30% in europe-west1.gcp");
    const faults = (await get("/_chaos/faults")).body.faults as { region: string; errorRate: number }[];
    expect(faults.map((f) => [f.region, f.errorRate])).toEqual([
      ["europe-west1.gcp", 0.3],
      ["europe-west1.gcp", 0.3],
    ]);
  });

  it("breaks one network path with --vantage: only that vantage's agent sees the fault", async () => {
    const injected = await chaos([
      "--component",
      "checkout",
      "--region",
      "us-central1.gcp",
      "--vantage",
      "europe-west1.gcp",
      "--mode",
      "down",
    ]);
    expect(injected).toMatchObject({ code: 0, stderr: [] });
    expect(injected.stdout).toContain("checkout down in us-central1.gcp (seen from europe-west1.gcp only)");
    expect((await healthFrom("europe-west1.gcp", "us-central1.gcp", "checkout")).status).toBe(503);
    expect((await healthFrom("us-east-2.aws", "us-central1.gcp", "checkout")).status).toBe(200);
    expect((await health("us-central1.gcp", "checkout")).status).toBe(200);
    expect((await chaos(["--list"])).stdout).toContain("(seen from europe-west1.gcp only)");
  });

  it("makes latency creep up from now with --mode creep", async () => {
    const injected = await chaos([
      "--component",
      "search",
      "--region",
      "eu-central-1.aws",
      "--mode",
      "creep=60000",
      "--for",
      "5m",
    ]);
    expect(injected).toMatchObject({ code: 0, stderr: [] });
    expect(injected.stdout).toContain("search latency creeping up 60000 ms a minute in eu-central-1.aws");
    // 60 s a minute is 1 ms per ms: a check started 300 ms after the fault waits about 300 ms longer than before it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const answer = await healthFrom("us-east-2.aws", "eu-central-1.aws", "search");
    expect(answer.status).toBe(200);
    expect(answer.ms).toBeGreaterThanOrEqual(280);
  });

  it("says in one line what is wrong with a bad flag, and changes nothing", async () => {
    const cases: [string[], string | RegExp][] = [
      [
        ["--component", "checkout", "--mode", "fast"],
        '--mode: "fast" is not a mode: use down, slow, slow=4000 (ms), errors=30% or creep=200 (ms per minute).',
      ],
      [["--component", "checkout", "--vantage", "mars-1", "--mode", "down"], /^Unknown vantage "mars-1" \(one of: /],
      [["--list", "--vantage", "us-east-2.aws"], "--list takes no --region, --vantage or --for."],
      [["--component", "checkout", "--region", "mars-1", "--mode", "down"], /^Unknown region "mars-1" \(one of: /],
      [
        ["--component", "checkout", "--region", "australia-southeast1.gcp", "--mode", "down"],
        "Checkout does not run in australia-southeast1.gcp.",
      ],
      [
        ["--component", "checkout", "--mode", "down", "--for", "soon"],
        '--for: "soon" is not a duration: use 90 (seconds), 30s, 5m or 1h.',
      ],
      [["--scenario", "meteor-strike"], /^Unknown scenario "meteor-strike": use one of checkout-database-failure, /],
      [["--verbose"], "Unknown option '--verbose'. See npm run chaos -- --help."],
    ];
    const results = await Promise.all(cases.map(([args]) => chaos(args)));
    results.forEach((result, i) => {
      expect(result.code).toBe(1);
      expect(result.stderr).toHaveLength(1);
      expect(result.stderr[0]).toMatch(cases[i]?.[1] ?? "");
    });
    expect((await get("/_chaos/faults")).body.faults).toEqual([]);
  });

  it("says so when no simulator is running", async () => {
    const nobody = `http://127.0.0.1:${await findFreePort()}`;
    const result = await chaos(["--list"], nobody);
    expect(result.code).toBe(1);
    expect(result.stderr).toEqual([
      `No simulator is running at ${nobody}: start it with npm run simulator (or set SIMULATOR_URL).`,
    ]);
  });
});
