// The ceiling for the site benchmark: a bare node:http server that returns
// fixed bytes (the same bytes the product served) with the same content type.
import http from "node:http";
import type { AddressInfo } from "node:net";

const pages = new Map<string, { body: Buffer; contentType: string; contentEncoding?: string }>();
process.on(
  "message",
  (message: { path: string; body: string; contentType: string; contentEncoding?: string } | "stop") => {
    if (message === "stop") process.exit(0);
    pages.set(message.path, {
      body: Buffer.from(message.body, "base64"),
      contentType: message.contentType,
      contentEncoding: message.contentEncoding,
    });
    process.send?.({ stored: message.path });
  },
);
process.on("disconnect", () => process.exit(0));

const server = http.createServer((req, res) => {
  const page = pages.get(req.url ?? "/");
  if (!page) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, {
    "content-type": page.contentType,
    "content-length": page.body.length,
    ...(page.contentEncoding ? { "content-encoding": page.contentEncoding } : {}),
  });
  res.end(page.body);
});
server.listen(0, "127.0.0.1", () =>
  process.send?.({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
);
