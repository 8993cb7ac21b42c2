// npm run simulator – the simulated commerce platform that the demo's probes
// watch and `npm run chaos` breaks, on the address in SIMULATOR_URL.
import { startSimulator } from "../simulator/server.ts";
import { stopOnSignal } from "./signals.ts";
import { runCommand } from "./command.ts";

runCommand(async (env) => {
  const address = new URL(env.SIMULATOR_URL);
  const port = Number(address.port || (address.protocol === "https:" ? 443 : 80));
  const host = address.hostname.replace(/^\[(.*)\]$/, "$1");
  const simulator = await startSimulator({ host, port });
  stopOnSignal(() => simulator.close());
  console.log(`The simulated platform is answering at ${simulator.url}  (Ctrl-C stops it)`);
  console.log(`  e.g. ${simulator.url}/us-central1.gcp/checkout/health; break it with npm run chaos -- --help`);
  await new Promise(() => {});
});
