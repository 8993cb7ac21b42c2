// The request id: instrumentRequests (lib/observability/instrument.ts) sets it
// in the request's headers, and the response carries it back. Responses
// written from a prepared header block append it there (snapshot-response.ts);
// every other response gets it here, before its headers are written.
import type http from "node:http";

export const REQUEST_ID_HEADER = "x-request-id";

/** The request's id, once instrumentRequests has settled it. */
export function requestIdOf(req: http.IncomingMessage): string | undefined {
  const id = req.headers[REQUEST_ID_HEADER];
  return typeof id === "string" ? id : undefined;
}

/** Puts the request's id in the response (for responses not written from a prepared block). */
export function echoRequestId(req: http.IncomingMessage, res: http.ServerResponse): void {
  const id = requestIdOf(req);
  if (id !== undefined && !res.headersSent) res.setHeader(REQUEST_ID_HEADER, id);
}
