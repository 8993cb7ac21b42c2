// The ceiling for the site benchmark: a bare single-process node:http server
// that sends the very bytes the product sent — status, headers (Date,
// Connection and Keep-Alive aside, which node:http adds to both) and the body
// in the same encoding — chosen by path and Accept-Encoding. Headers are
// prepared once, as the product's are.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ReferencePage {
  path: string;
  acceptEncoding: string;
  status: number;
  /** Flat name, value … as the product sent them. */
  headers: string[];
  body: string;
}

const HOP_BY_HOP = new Set(["date", "connection", "keep-alive", "transfer-encoding"]);
const pages = new Map<string, { status: number; headers: string[]; body: Buffer }>();

process.on("message", (message: ReferencePage | "cpu") => {
  if (message === "cpu") {
    process.send?.({ cpu: process.cpuUsage() });
    return;
  }
  const headers: string[] = [];
  for (let i = 0; i < message.headers.length; i += 2) {
    if (!HOP_BY_HOP.has(message.headers[i]!.toLowerCase())) headers.push(message.headers[i]!, message.headers[i + 1]!);
  }
  pages.set(`${message.path} ${message.acceptEncoding}`, {
    status: message.status,
    headers,
    body: Buffer.from(message.body, "base64"),
  });
  process.send?.({ stored: message.path });
});
process.on("disconnect", () => process.exit(0));

const server = http.createServer((req, res) => {
  const page = pages.get(`${req.url} ${req.headers["accept-encoding"] ?? ""}`);
  if (!page) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(page.status, page.headers);
  res.end(page.body);
});
server.listen(0, "127.0.0.1", () =>
  process.send?.({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
);
