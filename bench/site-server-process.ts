// The product's web server (snapshots in front of Next) in a child process of
// the site benchmark, so that the load generator does not share its event
// loop. DATABASE_URL comes from the parent; reports its URL over IPC.
import { startWebServer } from "../lib/http/web.ts";

const databaseUrl = process.env.DATABASE_URL!;
const web = await startWebServer({ host: "127.0.0.1", port: 0, databaseUrl, log: () => {} });
process.send?.({ url: web.url.replace("localhost", "127.0.0.1") });
const close = () => void web.close().then(() => process.exit(0));
process.on("disconnect", close);
process.on("message", (message) => {
  if (message === "stop") close();
  // Renders so far: the flood phase checks that junk URLs render nothing new.
  if (message === "stats") process.send?.({ renders: web.snapshotStats()?.renders ?? 0 });
});
