// wrk as the load generator of bench site: C, in its own process, so that the
// generator is never what limits a bare node:http server (an in-process Node
// generator was). scripts/ensure-wrk.sh installs it from Debian when missing.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface WrkResult {
  requestsPerSecond: number;
  requests: number;
  /** Milliseconds. */
  p50: number;
  p99: number;
  max: number;
  /** Connect, read, write errors and timeouts. */
  errors: number;
  /** Answers outside 2xx/3xx. */
  non2xx: number;
  bytes: number;
  /** When the run started and ended (epoch ms), to match samples taken meanwhile. */
  startedAt: number;
  endedAt: number;
}

export interface WrkOptions {
  seconds: number;
  connections?: number;
  threads?: number;
  headers?: Record<string, string>;
  /** Lua run before the report: a `request()` that varies each request, a `delay()` that paces them (wrk's API). */
  lua?: string;
}

// wrk's own summary, as one JSON line (latencies in microseconds).
const REPORT_LUA = `done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRKJSON {"requests":%d,"duration":%d,"bytes":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"p50":%d,"p99":%d,"max":%d}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
`;

const scripts = new Map<string, string>();

/** A file holding `lua` and the report, written once per distinct script. */
function scriptFile(lua: string): string {
  let file = scripts.get(lua);
  if (!file) {
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bellwether-wrk-")), "script.lua");
    fs.writeFileSync(file, `${lua}\n${REPORT_LUA}`);
    scripts.set(lua, file);
  }
  return file;
}

/** Installs wrk when it is missing (scripts/ensure-wrk.sh); throws with its message when it cannot. */
export function ensureWrk(): void {
  const result = spawnSync("bash", [path.resolve("scripts/ensure-wrk.sh")], { stdio: "inherit" });
  if (result.status !== 0) throw new Error("bench site needs wrk; see the message above.");
}

export function runWrk(url: string, options: WrkOptions): Promise<WrkResult> {
  const script = scriptFile(options.lua ?? "");
  const args = [
    `-t${options.threads ?? 1}`,
    `-c${options.connections ?? 50}`,
    `-d${options.seconds}s`,
    "--timeout",
    "5s",
    "-s",
    script,
  ];
  for (const [name, value] of Object.entries(options.headers ?? {})) args.push("-H", `${name}: ${value}`);
  args.push(url);
  const startedAt = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn("wrk", args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("WRKJSON "));
      if (code !== 0 || !line) return reject(new Error(`wrk failed (exit ${code}): ${out.trim().slice(-300)}`));
      const r = JSON.parse(line.slice(8)) as Record<string, number>;
      resolve({
        requestsPerSecond: r.requests! / (r.duration! / 1e6),
        requests: r.requests!,
        p50: r.p50! / 1000,
        p99: r.p99! / 1000,
        max: r.max! / 1000,
        errors: r.connect! + r.read! + r.write! + r.timeout!,
        non2xx: r.status!,
        bytes: r.bytes!,
        startedAt,
        endedAt: Date.now(),
      });
    });
  });
}

/** CPU seconds a process has used so far (Linux /proc), to show which side of a run was saturated. */
export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime: fields 14 and 15 of the whole line, in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
