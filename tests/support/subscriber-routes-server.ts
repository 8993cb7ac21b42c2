// Test fixture: the subscriber route handlers (app/api/subscribers/*) behind a
// bare node:http server in a process of its own, as a mailbox provider reaches them.
// Usage: DATABASE_URL=… AUTH_SECRET=… node --import tsx tests/support/subscriber-routes-server.ts <port>
import http from "node:http";
import { GET, POST } from "../../app/api/subscribers/unsubscribe/route.ts";

const routes: Record<string, (request: Request) => Promise<Response>> = {
  "GET /api/subscribers/unsubscribe": GET,
  "POST /api/subscribers/unsubscribe": POST,
};

const port = Number(process.argv[2]);
http
  .createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
    const route = routes[`${req.method} ${url.pathname}`];
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    const request = new Request(url, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: req.method === "POST" ? Buffer.concat(chunks) : undefined,
    });
    const response = await route(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  })
  .listen(port, "127.0.0.1", () => console.log("ready"));
