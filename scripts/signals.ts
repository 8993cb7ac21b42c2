// Clean shutdown for every long-running command, kept free of heavy imports
// so that light commands (the simulator, the probe agent) start fast.

/** Runs `stop` once on Ctrl-C or SIGTERM, then exits. */
export function stopOnSignal(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    const force = setTimeout(() => process.exit(1), 20_000);
    stop()
      .catch((error: unknown) => console.error(String(error)))
      .finally(() => {
        clearTimeout(force);
        console.log("Stopped.");
        process.exit(0);
      });
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  process.on("SIGHUP", handler);
}
