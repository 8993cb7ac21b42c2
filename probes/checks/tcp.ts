// TCP check: the port accepts a connection. Latency is the connect time.
import net from "node:net";
import { classify } from "./classify.ts";
import { parseHostPort } from "./target.ts";
import type { CheckDefinition, CheckResultData } from "./types.ts";

export async function checkTcp(definition: CheckDefinition, signal: AbortSignal): Promise<CheckResultData> {
  const { host, port } = parseHostPort(definition.target);
  signal.throwIfAborted();
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const socket = net.connect({ host, port });
    const onAbort = () => socket.destroy(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
    signal.addEventListener("abort", onAbort, { once: true });
    const settle = (error?: Error) => {
      signal.removeEventListener("abort", onAbort);
      socket.destroy();
      if (error) reject(error);
      else resolve();
    };
    socket.once("connect", () => settle());
    socket.once("error", settle);
  });
  const latencyMs = Math.round(performance.now() - started);
  return {
    ...classify({ failure: null, latencyMs, degradedAboveMs: definition.degradedAboveMs }),
    latencyMs,
    statusCode: null,
  };
}
