// The simulated commerce platform: every component's health endpoint in every
// region it runs in, answering as `respond` decides, plus a control API under
// /_chaos/ to inject faults. The edge: the only place with a clock and dice.
import http from "node:http";
import type { z } from "zod";
import { VANTAGE_HEADER } from "../probes/checks/http.ts";
import {
  createFault,
  describeIssues,
  expandScenario,
  type Fault,
  type FaultRequest,
  faultRequestSchema,
  hostingProblem,
  isActive,
  respond,
  SCENARIOS,
  scenarioRequestSchema,
} from "./faults.ts";

export interface Simulator {
  url: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024;

/** A request the caller got wrong; its message is shown to them as is. */
class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: http.OutgoingHttpHeaders = {},
): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers });
  res.end(JSON.stringify(body));
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new RequestError(413, `the body must be at most ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new RequestError(400, "the body is not valid JSON");
  }
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new RequestError(400, describeIssues(parsed.error));
  return parsed.data;
}

export async function startSimulator(options: { host: string; port: number }): Promise<Simulator> {
  let faults: Fault[] = [];
  let nextId = 1;
  const pending = new Set<NodeJS.Timeout>();

  const activeFaults = (): Fault[] => {
    const now = new Date();
    faults = faults.filter((f) => now < f.endsAt);
    return faults.filter((f) => isActive(f, now));
  };
  const addFault = (request: FaultRequest): Fault => {
    const fault = createFault(request, { id: `f${nextId++}`, now: new Date() });
    faults.push(fault);
    return fault;
  };

  function answerHealth(req: http.IncomingMessage, res: http.ServerResponse, region: string, component: string): void {
    const problem = hostingProblem(component, region);
    if (problem) throw new RequestError(404, problem);
    if (req.method !== "GET" && req.method !== "HEAD") throw new RequestError(405, "health endpoints answer GET");
    const vantage = req.headers[VANTAGE_HEADER.toLowerCase()];
    const answer = respond({
      component,
      region,
      vantage: typeof vantage === "string" ? vantage : null,
      now: new Date(),
      faults: activeFaults(),
      random: Math.random,
    });
    const timer = setTimeout(() => {
      pending.delete(timer);
      sendJson(res, answer.status, answer.body);
    }, answer.delayMs);
    pending.add(timer);
    // A probe that gives up (its timeout) should not leave a timer behind.
    res.once("close", () => {
      clearTimeout(timer);
      pending.delete(timer);
    });
  }

  async function answerChaos(req: http.IncomingMessage, res: http.ServerResponse, parts: string[]): Promise<void> {
    const [resource = "", id, ...rest] = parts;
    const route = `${req.method} ${resource}${id === undefined ? "" : "/:id"}${rest.length > 0 ? "/…" : ""}`;
    switch (route) {
      case "GET faults":
        return sendJson(res, 200, { faults: activeFaults() });
      case "POST faults": {
        const fault = addFault(parseWith(faultRequestSchema, await readJson(req)));
        return sendJson(res, 201, { fault });
      }
      case "DELETE faults": {
        const cleared = activeFaults().length;
        faults = [];
        return sendJson(res, 200, { cleared });
      }
      case "DELETE faults/:id": {
        const fault = activeFaults().find((f) => f.id === id);
        if (!fault) throw new RequestError(404, `no active fault "${id}"`);
        faults = faults.filter((f) => f !== fault);
        return sendJson(res, 200, { deleted: fault });
      }
      case "GET scenarios":
        return sendJson(res, 200, {
          scenarios: SCENARIOS.map(({ name, description, defaultRegion }) => ({ name, description, defaultRegion })),
        });
      case "POST scenarios/:id": {
        const name = id ?? "";
        if (!SCENARIOS.some((s) => s.name === name))
          throw new RequestError(
            404,
            `unknown scenario "${name}" (one of: ${SCENARIOS.map((s) => s.name).join(", ")})`,
          );
        const options = parseWith(scenarioRequestSchema, (await readJson(req)) ?? {});
        let requests: ReturnType<typeof expandScenario>;
        try {
          requests = expandScenario(name, options);
        } catch (error) {
          throw new RequestError(400, error instanceof Error ? error.message : String(error));
        }
        return sendJson(res, 201, { faults: requests.map(addFault) });
      }
      default:
        throw new RequestError(404, `no such control endpoint: ${req.method} /_chaos/${parts.join("/")}`);
    }
  }

  const server = http.createServer((req, res) => {
    const handle = async () => {
      const url = new URL(req.url ?? "/", "http://simulator");
      let parts: string[];
      try {
        parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
      } catch {
        throw new RequestError(400, "the path is not valid URL encoding");
      }
      if (parts[0] === "_chaos") return answerChaos(req, res, parts.slice(1));
      if (parts.length === 3 && parts[2] === "health") return answerHealth(req, res, parts[0] ?? "", parts[1] ?? "");
      throw new RequestError(404, "not found: health endpoints are /<region>/<component>/health");
    };
    handle().catch((error: unknown) => {
      if (res.headersSent) return void res.end();
      if (error instanceof RequestError) return sendJson(res, error.status, { error: error.message });
      console.error("[simulator] request failed", error);
      sendJson(res, 500, { error: "internal error" });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new Error(`Port ${options.port} is already in use: set SIMULATOR_URL to a free one.`)
          : error,
      ),
    );
    server.listen(options.port, options.host, resolve);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of pending) clearTimeout(timer);
        pending.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
