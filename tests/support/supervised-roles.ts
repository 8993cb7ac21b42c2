// A supervisor of two light roles (the simulator, then the mail catcher)
// for tests/integration/supervisor.test.ts: forked with IPC, it answers
// "roles" with each role's pid and restarts, and reports when it is ready.
import { superviseRoles } from "../../scripts/supervisor.ts";

const supervisor = await superviseRoles({
  order: [["simulator"], ["mail"]],
  log: (line) => console.log(`[supervisor] ${line}`),
});
process.on("message", (message) => {
  if (message === "roles") process.send?.({ roles: supervisor.roles() });
});
process.on("SIGTERM", () => void supervisor.stop().then(() => process.exit(0)));
process.send?.({ ready: true, roles: supervisor.roles() });
