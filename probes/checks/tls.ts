// TLS check: a handshake, then the peer certificate's trust and expiry.
// Latency is connect plus handshake.
import net from "node:net";
import tls from "node:tls";
import { certificateVerdict, classify } from "./classify.ts";
import { parseHostPort } from "./target.ts";
import type { CheckDefinition, CheckResultData } from "./types.ts";

export interface TlsCheckOptions {
  /** Extra trusted roots (tests use a self-signed certificate). */
  ca?: string | Buffer | Array<string | Buffer>;
  /** false: report on expiry only, whoever signed the certificate. */
  rejectUnauthorized?: boolean;
}

interface Handshake {
  certificate: tls.PeerCertificate;
  authorizationError: string | null;
}

export async function checkTls(
  definition: CheckDefinition,
  signal: AbortSignal,
  now: Date,
  options: TlsCheckOptions = {},
): Promise<CheckResultData> {
  const { host, port } = parseHostPort(definition.target);
  signal.throwIfAborted();
  const started = performance.now();
  const handshake = await new Promise<Handshake>((resolve, reject) => {
    // Never reject in the handshake itself: an expired or untrusted certificate
    // is still read, so the result can say what is wrong with it.
    const socket = tls.connect({
      host,
      port,
      ca: options.ca,
      rejectUnauthorized: false,
      servername: net.isIP(host) === 0 ? host : undefined,
    });
    const onAbort = () => socket.destroy(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
    signal.addEventListener("abort", onAbort, { once: true });
    const done = () => signal.removeEventListener("abort", onAbort);
    socket.once("secureConnect", () => {
      done();
      const certificate = socket.getPeerCertificate();
      const authorizationError = socket.authorized ? null : String(socket.authorizationError ?? "UNKNOWN");
      socket.destroy();
      resolve({ certificate, authorizationError });
    });
    socket.once("error", (error) => {
      done();
      socket.destroy();
      reject(error);
    });
  });
  const latencyMs = Math.round(performance.now() - started);

  const { certificate } = handshake;
  const verdict =
    certificate?.valid_to === undefined
      ? { failure: "server sent no certificate", warning: null }
      : certificateVerdict({
          validFrom: new Date(certificate.valid_from),
          validTo: new Date(certificate.valid_to),
          authorizationError: options.rejectUnauthorized === false ? null : handshake.authorizationError,
          now,
          warnDays: definition.tlsWarnDays,
        });
  return {
    ...classify({ ...verdict, latencyMs, degradedAboveMs: definition.degradedAboveMs }),
    latencyMs,
    statusCode: null,
  };
}
