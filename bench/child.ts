// A benchmark's helper process (a simulator, an SMTP sink, a server under
// load …), so that its work is not charged to the measuring event loop. Talks
// over IPC; stopping it disconnects and waits for it to exit.
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface BenchChild {
  process: ChildProcess;
  /** The child's next message. */
  next<T>(): Promise<T>;
  /** Sends a message and resolves with the answer. */
  ask<T>(message: unknown): Promise<T>;
  stop(): Promise<void>;
}

/** `script` is relative to bench/. */
export function forkChild(script: string, options: { args?: string[]; env?: Record<string, string> } = {}): BenchChild {
  const proc = fork(fileURLToPath(new URL(script, import.meta.url)), options.args ?? [], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: { ...process.env, ...options.env },
  });
  const next = <T>() =>
    new Promise<T>((resolve, reject) => {
      proc.once("message", (message) => resolve(message as T));
      proc.once("exit", (code) => reject(new Error(`${script} exited (code ${code})`)));
    });
  return {
    process: proc,
    next,
    ask<T>(message: unknown) {
      const answer = next<T>();
      proc.send(message as string);
      return answer;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.removeAllListeners("exit");
        proc.once("exit", () => resolve());
        if (proc.connected) proc.disconnect();
        setTimeout(() => proc.kill("SIGKILL"), 5_000).unref();
      }),
  };
}

/** A child that answers `{ url }` once it listens. */
export async function startChildServer(
  script: string,
  env?: Record<string, string>,
): Promise<{ child: BenchChild; url: string }> {
  const child = forkChild(script, { env });
  const { url } = await child.next<{ url: string }>();
  return { child, url };
}
