// The renderer (lib/http/renderer.ts): Next on a loopback port, answering the
// web process's snapshot renders and nothing else. It reports its port over
// IPC and stops on SIGTERM, or when its parent goes away. Its one argument is
// the directory of the Next build.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { getEnv } from "../env.ts";
import { parseTrustedProxies } from "./client-address.ts";
import { prepareNextHandler } from "./next-handler.ts";
import type { RendererReady } from "./renderer.ts";

const env = getEnv();
const handler = await prepareNextHandler({
  dev: false,
  dir: process.argv[2] ?? process.cwd(),
  host: "127.0.0.1",
  port: 0,
  trustedProxies: parseTrustedProxies(env.TRUSTED_PROXIES),
  headers: { publicFrameAncestors: env.PUBLIC_FRAME_ANCESTORS, dev: false },
});
const server = http.createServer(handler.render);
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

let stopping = false;
function stop(): void {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(0), 2_000).unref();
  server.closeAllConnections();
  server.close(() => {
    void handler.close().finally(() => process.exit(0));
  });
}
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.on(signal, stop);
process.on("disconnect", stop);
const ready: RendererReady = { type: "ready", port: (server.address() as AddressInfo).port };
process.send?.(ready);
