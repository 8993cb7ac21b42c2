// Hears lib/public/changes.ts's NOTIFY on one dedicated connection and keeps
// listening across database restarts. Losing the connection is reported as a
// change (pages re-render, fail, and are served with the stale notice at once),
// and so is a reconnect, since notifications sent while it was away are lost.
import pg from "pg";
import { PUBLIC_CHANGE_CHANNEL } from "../public/changes.ts";

export interface ChangeListener {
  close(): Promise<void>;
}

export function listenForPublicChanges(
  databaseUrl: string,
  onChange: (what: string) => void,
  options: { log?: (line: string) => void; minRetryMs?: number; maxRetryMs?: number } = {},
): ChangeListener {
  const log = options.log ?? (() => {});
  const minRetry = options.minRetryMs ?? 500;
  const maxRetry = options.maxRetryMs ?? 15_000;
  let client: pg.Client | undefined;
  let closed = false;
  let retry = minRetry;
  let timer: NodeJS.Timeout | undefined;
  let everConnected = false;
  /** One "connection lost" per outage, not one per failed reconnect. */
  let reportedLoss = false;

  const schedule = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, retry);
    timer.unref();
    retry = Math.min(maxRetry, retry * 2);
  };

  const connect = async () => {
    const next = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000, keepAlive: true });
    next.on("error", () => {
      // 'end' follows; reconnecting happens there.
    });
    next.on("end", () => {
      if (client === next) client = undefined;
      if (!closed) {
        log("public change listener: connection lost; reconnecting");
        if (client === undefined && everConnected && !reportedLoss) {
          reportedLoss = true;
          onChange("connection lost");
        }
        schedule();
      }
    });
    next.on("notification", (message) => {
      if (message.channel === PUBLIC_CHANGE_CHANNEL) onChange(message.payload ?? "");
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${PUBLIC_CHANGE_CHANNEL}`);
      if (closed) {
        await next.end();
        return;
      }
      client = next;
      retry = minRetry;
      reportedLoss = false;
      if (everConnected) onChange("reconnected");
      everConnected = true;
    } catch {
      await next.end().catch(() => {});
      schedule();
    }
  };
  void connect();

  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => {});
    },
  };
}
