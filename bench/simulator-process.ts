// The simulated platform in a child process of the probes benchmark, so that
// its request handling is not charged to the scheduler's event loop (an agent
// and the platform it watches never share one). Reports its URL over IPC.
import { startSimulator } from "../simulator/server.ts";

const simulator = await startSimulator({ host: "127.0.0.1", port: 0 });
process.send?.({ url: simulator.url });
// The parent going away, or asking, ends us: a benchmark leaves nothing behind.
const close = () => void simulator.close().then(() => process.exit(0));
process.on("disconnect", close);
process.on("message", (message) => {
  if (message === "stop") close();
});
