// Samples the status page's latency from a process of its own: one request
// at a time with a short pause between, from "start" until "stop", which
// answers with the latencies (ms). Usage: fork with the page URL as argument.
import http from "node:http";

const url = process.argv[2]!;
const PAUSE_MS = 50;
let running = false;
let samples: number[] = [];
let errors = 0;

function get(): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    http
      .get(url, (res) => {
        res.resume();
        res.on("end", () =>
          res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`HTTP ${res.statusCode}`)),
        );
      })
      .on("error", reject);
  });
}

async function loop(): Promise<void> {
  while (running) {
    await get().then(
      (latency) => samples.push(latency),
      () => (errors += 1),
    );
    await new Promise((r) => setTimeout(r, PAUSE_MS));
  }
}

let done: Promise<void> = Promise.resolve();
process.on("message", (message) => {
  if (message === "start") {
    samples = [];
    errors = 0;
    running = true;
    done = loop();
  } else if (message === "stop") {
    running = false;
    void done.then(() => process.send?.({ samples, errors }));
  }
});
process.on("disconnect", () => process.exit(0));
process.send?.({ ready: true });
