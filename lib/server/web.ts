// The web server: Next's request handler behind a plain node:http server, so
// that hot public paths can later be answered from memory in front of it
// (DESIGN.md, "The hot path").
import http from "node:http";
import next from "next";

export interface WebServer {
  url: string;
  close(): Promise<void>;
}

export async function startWebServer(options: { host: string; port: number; dev?: boolean; dir?: string }): Promise<WebServer> {
  const app = next({ dev: options.dev ?? false, dir: options.dir ?? process.cwd(), hostname: options.host, port: options.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error("[bellwether] request failed", error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("Internal error");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new Error(`Port ${options.port} is already in use: set PORT to a free one.`) : error),
    );
    server.listen(options.port, options.host, resolve);
  });
  const shownHost = options.host === "0.0.0.0" || options.host === "127.0.0.1" ? "localhost" : options.host;
  return {
    url: `http://${shownHost}:${options.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        void app.close?.();
      }),
  };
}
