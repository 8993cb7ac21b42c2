// Test fixture: the real ingest results route behind a bare node:http server,
// handed the request body as a stream the way Next hands it (nothing buffered
// first), in a process of its own; what it logs goes to its stderr.
// Usage: DATABASE_URL=… node --import tsx tests/support/streaming-ingest-server.ts <port>
import http from "node:http";
import { Readable } from "node:stream";
import { POST } from "../../app/api/ingest/results/route.ts";

const port = Number(process.argv[2]);
http
  .createServer(async (req, res) => {
    if (req.method !== "POST" || req.url !== "/api/ingest/results") {
      res.writeHead(404).end();
      return;
    }
    const request = new Request(`http://127.0.0.1:${port}${req.url}`, {
      method: "POST",
      headers: req.headers as Record<string, string>,
      body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
      duplex: "half",
    } as RequestInit);
    const response = await POST(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  })
  .listen(port, "127.0.0.1", () => console.log("ready"));
