// Next's request handler as the web server and the renderer (lib/http/renderer.ts)
// both run it: prepared once per process, with a plain 500 when a request
// fails, and the listener a snapshot render goes through — a loopback request
// with the same front-door preparation (client address, security headers) a
// reader's request gets.
import type http from "node:http";
import next from "next";
import { logError } from "../observability/log.ts";
import type { TrustedProxies } from "./client-address.ts";
import { prepareForNext } from "./front-door.ts";
import type { SecurityHeaderSettings } from "./security-headers.ts";

export interface NextHandlerOptions {
  dev: boolean;
  dir: string;
  host: string;
  port: number;
  trustedProxies: TrustedProxies;
  headers: SecurityHeaderSettings;
}

export interface NextHandler {
  /** Any request, as it is. */
  toNext: http.RequestListener;
  /** A snapshot render: the request passes the front door's preparation first. */
  render: http.RequestListener;
  close(): Promise<void>;
}

export async function prepareNextHandler(options: NextHandlerOptions): Promise<NextHandler> {
  const app = next({ dev: options.dev, dir: options.dir, hostname: options.host, port: options.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const toNext: http.RequestListener = (req, res) => {
    handle(req, res).catch((error: unknown) => {
      logError("request failed", error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("Internal error");
    });
  };
  return {
    toNext,
    render: (req, res) => {
      prepareForNext(req, res, options.trustedProxies, options.headers);
      toNext(req, res);
    },
    async close() {
      await app.close?.();
    },
  };
}
