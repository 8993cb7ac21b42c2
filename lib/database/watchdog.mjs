// Stops an embedded PostgreSQL when the process that started it is gone, so
// that `kill -9` of the demo or a test run leaves no database behind.
// Usage: node watchdog.mjs <ownerPid> <postmasterPid>
const [ownerPid, postmasterPid] = process.argv.slice(2).map(Number);

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

const timer = setInterval(() => {
  if (!alive(postmasterPid)) {
    clearInterval(timer);
    return;
  }
  if (alive(ownerPid)) return;
  clearInterval(timer);
  // SIGINT is PostgreSQL's "fast shutdown": it ends sessions and checkpoints.
  process.kill(postmasterPid, "SIGINT");
  const deadline = Date.now() + 20_000;
  const wait = setInterval(() => {
    if (!alive(postmasterPid)) clearInterval(wait);
    else if (Date.now() > deadline) {
      clearInterval(wait);
      process.kill(postmasterPid, "SIGKILL");
    }
  }, 100);
}, 250);
