// Test fixture: the real ingest route handlers (app/api/ingest/*) behind a
// bare node:http server, in a process of its own so a test can kill -9 it.
// Usage: DATABASE_URL=… node --import tsx tests/support/ingest-server.ts <port>
import http from "node:http";
import { GET as config } from "../../app/api/ingest/config/route.ts";
import { POST as results } from "../../app/api/ingest/results/route.ts";

const routes: Record<string, (request: Request) => Promise<Response>> = {
  "GET /api/ingest/config": config,
  "POST /api/ingest/results": results,
};

const port = Number(process.argv[2]);
http
  .createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const route = routes[`${req.method} ${req.url}`];
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    const request = new Request(`http://127.0.0.1:${port}${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: req.method === "POST" ? Buffer.concat(chunks) : undefined,
    });
    const response = await route(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  })
  .listen(port, "127.0.0.1", () => console.log("ready"));
