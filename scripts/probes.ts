// npm run probes -- --server <url> --token <token> [--vantage <key>]
//   one probe agent, for the vantage region its token belongs to
// npm run probes -- --local [--server <url>]
//   every vantage in this process, with the tokens the demo keeps in .data/
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { type RunningAgent, startAgent } from "../probes/agent.ts";
import { stopOnSignal } from "./signals.ts";
import { runCommand } from "./command.ts";

const argsSchema = z
  .object({
    server: z.url({ protocol: /^https?$/ }).optional(),
    token: z.string().min(10).optional(),
    vantage: z.string().optional(),
    local: z.boolean().default(false),
    "data-dir": z.string().optional(),
    concurrency: z.coerce.number().int().min(1).max(1000).default(50),
  })
  .refine((a) => a.local || a.token, { message: "give --token <token> (or --local for the demo's agents)" });

runCommand(async (env) => {
  const { values } = parseArgs({
    options: {
      server: { type: "string" },
      token: { type: "string" },
      vantage: { type: "string" },
      local: { type: "boolean" },
      "data-dir": { type: "string" },
      concurrency: { type: "string" },
    },
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success)
    throw new Error(
      `probes: ${parsed.error.issues.map((i) => `${i.path.join(".") || ""} ${i.message}`.trim()).join("; ")}`,
    );
  const args = parsed.data;
  const server = args.server ?? env.PUBLIC_URL;
  const dataDir = path.resolve(args["data-dir"] ?? path.join(env.BELLWETHER_DATA_DIR, "probes"));

  let credentials: { token: string; vantage?: string }[];
  if (args.local) {
    const file = path.join(env.BELLWETHER_DATA_DIR, "agent-tokens.json");
    if (!fs.existsSync(file)) throw new Error(`No ${file}: start \`npm run demo\` once to create the local agents.`);
    const tokens = z.record(z.string(), z.string()).parse(JSON.parse(fs.readFileSync(file, "utf8")));
    credentials = Object.entries(tokens).map(([vantage, token]) => ({ vantage, token }));
  } else {
    credentials = [{ token: args.token!, vantage: args.vantage }];
  }

  const agents: RunningAgent[] = [];
  stopOnSignal(async () => {
    await Promise.all(agents.map((a) => a.stop()));
  });
  for (const c of credentials) {
    agents.push(
      await startAgent({ server, token: c.token, expectVantage: c.vantage, dataDir, concurrency: args.concurrency }),
    );
  }
  console.log(`probe agents running for ${agents.map((a) => a.vantage).join(", ")}, pushing to ${server}`);
  await new Promise(() => {});
});
