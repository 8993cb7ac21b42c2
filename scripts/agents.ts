// npm run agents -- list
// npm run agents -- create --name <name> --region <region key>   (prints the token once)
// npm run agents -- rotate --name <name>                          (new token; the old one stops working)
// npm run agents -- revoke --name <name>
import { parseArgs } from "node:util";
import { createDb } from "../lib/db.ts";
import { applyMigrations } from "../lib/database/migrate.ts";
import { provisionDatabase } from "../lib/database/provision.ts";
import { createAgent, listAgents, revokeAgent, rotateAgentToken } from "../lib/monitoring/agents.ts";
import { runCommand } from "./command.ts";

runCommand(async (env) => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { name: { type: "string" }, region: { type: "string" } },
  });
  const verb = positionals[0] ?? "list";
  if (!["list", "create", "rotate", "revoke"].includes(verb))
    throw new Error(`agents: unknown command ${verb}; use list, create, rotate or revoke`);
  if (verb !== "list" && !values.name) throw new Error(`agents ${verb}: give --name <name>`);
  const database = await provisionDatabase(env);
  await applyMigrations(database.url);
  const db = createDb(database.url, { max: 2 });
  try {
    if (verb === "create") {
      if (!values.region) throw new Error("agents create: give --region <region key>, e.g. --region europe-west1.gcp");
      const { agent, token } = await createAgent(db, { name: values.name!, regionKey: values.region });
      console.log(`Created agent ${agent.name} for vantage ${agent.regionKey}. Its token (shown only now):\n${token}`);
    } else if (verb === "rotate") {
      console.log(
        `New token for ${values.name} (shown only now; the old one no longer works):\n${await rotateAgentToken(db, values.name!)}`,
      );
    } else if (verb === "revoke") {
      await revokeAgent(db, values.name!, new Date());
      console.log(`Revoked ${values.name}.`);
    } else {
      for (const a of await listAgents(db)) {
        const seen = a.lastSeenAt ? `last seen ${a.lastSeenAt.toISOString()}` : "never seen";
        console.log(`${a.name.padEnd(32)} ${a.region.key.padEnd(26)} ${a.revokedAt ? "revoked" : seen}`);
      }
    }
  } finally {
    await db.$disconnect();
    await database.stop();
  }
});
