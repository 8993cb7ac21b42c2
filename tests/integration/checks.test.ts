// Every check kind against real servers on free local ports: HTTP and TCP
// (node:http, node:net), DNS (a small UDP name server), TLS (certificates
// made with the openssl CLI at test time).
import { execFileSync } from "node:child_process";
import dgram from "node:dgram";
import fs from "node:fs";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCheck } from "../../probes/checks/index.ts";
import type { CheckDefinition } from "../../probes/checks/types.ts";

const definition = (overrides: Partial<CheckDefinition>): CheckDefinition => ({
  kind: "http",
  target: "",
  method: "GET",
  headers: {},
  body: null,
  expectedStatus: null,
  assertions: [],
  timeoutMs: 3000,
  degradedAboveMs: 1000,
  tlsWarnDays: 14,
  ...overrides,
});

const servers: { close(): unknown }[] = [];
const port = (server: net.Server | dgram.Socket) => (server.address() as AddressInfo).port;

async function listen<T extends net.Server>(server: T): Promise<T> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return server;
}

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const free = port(server);
  await new Promise((resolve) => server.close(resolve));
  return free;
}

afterAll(() => {
  for (const server of servers) {
    if (server instanceof http.Server) server.closeAllConnections();
    server.close();
  }
});

describe("http check", () => {
  let base: string;
  beforeAll(async () => {
    const server = await listen(
      http.createServer((request, response) => {
        const url = new URL(request.url ?? "/", "http://localhost");
        const json = (status: number, body: unknown) =>
          response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
        if (url.pathname === "/health") return json(200, { status: "ok", data: { items: [{ id: "sku-1" }] } });
        if (url.pathname === "/degraded") return json(200, { status: "degraded" });
        if (url.pathname === "/unavailable") return json(503, { status: "down" });
        if (url.pathname === "/echo")
          return json(200, { method: request.method, probe: request.headers["x-probe"] ?? null });
        if (url.pathname === "/slow")
          return setTimeout(() => json(200, { status: "ok" }), Number(url.searchParams.get("ms")));
        // /hang: headers never come.
      }),
    );
    base = `http://127.0.0.1:${port(server)}`;
  });

  it("is up on a 2xx, with latency and status code", async () => {
    const result = await runCheck(definition({ target: `${base}/health` }));
    expect(result).toMatchObject({ outcome: "up", statusCode: 200, error: null });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(result.latencyMs).toBeLessThan(1000);
  });

  it("sends the probe's method and headers", async () => {
    const result = await runCheck(
      definition({
        target: `${base}/echo`,
        method: "post",
        headers: { "x-probe": "eu-1" },
        body: "{}",
        assertions: [
          { type: "json_path", path: "$.method", equals: "POST" },
          { type: "json_path", path: "$.probe", equals: "eu-1" },
        ],
      }),
    );
    expect(result).toMatchObject({ outcome: "up", error: null });
  });

  it("is down on an unexpected status", async () => {
    expect(await runCheck(definition({ target: `${base}/unavailable` }))).toMatchObject({
      outcome: "down",
      statusCode: 503,
      error: "expected a 2xx status, got 503",
    });
    expect(await runCheck(definition({ target: `${base}/health`, expectedStatus: 204 }))).toMatchObject({
      outcome: "down",
      statusCode: 200,
      error: "expected status 204, got 200",
    });
  });

  it("checks that the body contains a text", async () => {
    const target = `${base}/health`;
    expect(
      await runCheck(definition({ target, assertions: [{ type: "body_contains", value: '"ok"' }] })),
    ).toMatchObject({ outcome: "up" });
    expect(
      await runCheck(definition({ target, assertions: [{ type: "body_contains", value: "healthy" }] })),
    ).toMatchObject({
      outcome: "down",
      statusCode: 200,
      error: 'body does not contain "healthy"',
    });
  });

  it("checks JSON paths in the body", async () => {
    const assertions = [
      { type: "json_path", path: "$.status", equals: "ok" },
      { type: "json_path", path: "$.data.items[0].id", exists: true },
    ] as const;
    expect(await runCheck(definition({ target: `${base}/health`, assertions: [...assertions] }))).toMatchObject({
      outcome: "up",
    });
    expect(await runCheck(definition({ target: `${base}/degraded`, assertions: [...assertions] }))).toMatchObject({
      outcome: "down",
      error: '$.status is "degraded", expected "ok"',
    });
  });

  it("is degraded when slower than the threshold", async () => {
    const result = await runCheck(definition({ target: `${base}/slow?ms=300`, degradedAboveMs: 100 }));
    expect(result.outcome).toBe("degraded");
    expect(result.latencyMs).toBeGreaterThanOrEqual(290);
    expect(result.error).toBe(`took ${result.latencyMs} ms, above the 100 ms threshold`);
  });

  it("is down once the timeout passes, and returns promptly", async () => {
    const started = performance.now();
    const result = await runCheck(definition({ target: `${base}/hang`, timeoutMs: 400 }));
    const elapsed = performance.now() - started;
    expect(result).toEqual({ outcome: "down", latencyMs: null, statusCode: null, error: "timed out after 400 ms" });
    expect(elapsed).toBeGreaterThanOrEqual(390);
    expect(elapsed).toBeLessThan(400 + 250);
  });

  it("is down when the connection is refused", async () => {
    const result = await runCheck(definition({ target: `http://127.0.0.1:${await closedPort()}/health` }));
    expect(result).toEqual({ outcome: "down", latencyMs: null, statusCode: null, error: "connection refused" });
  });

  it("stops when the caller cancels", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const result = await runCheck(definition({ target: `${base}/hang` }), { signal: controller.signal });
    expect(result).toMatchObject({ outcome: "down", error: "check cancelled" });
  });
});

describe("tcp check", () => {
  it("is up when the port accepts a connection", async () => {
    const server = await listen(net.createServer((socket) => socket.end()));
    const result = await runCheck(definition({ kind: "tcp", target: `127.0.0.1:${port(server)}` }));
    expect(result).toMatchObject({ outcome: "up", statusCode: null, error: null });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("is down when the port is closed", async () => {
    const result = await runCheck(definition({ kind: "tcp", target: `127.0.0.1:${await closedPort()}` }));
    expect(result).toEqual({ outcome: "down", latencyMs: null, statusCode: null, error: "connection refused" });
  });
});

/**
 * Answers A queries for `localhost` with 127.0.0.1, AAAA for it with no
 * records, NXDOMAIN for every other name, and never answers `blackhole.test`.
 */
function startNameServer(): Promise<dgram.Socket> {
  const socket = dgram.createSocket("udp4");
  socket.on("message", (query, peer) => {
    let offset = 12;
    const labels: string[] = [];
    for (let length = query[offset] ?? 0; length > 0; length = query[offset] ?? 0) {
      labels.push(query.subarray(offset + 1, offset + 1 + length).toString("ascii"));
      offset += length + 1;
    }
    const name = labels.join(".").toLowerCase();
    const type = query.readUInt16BE(offset + 1);
    const question = query.subarray(12, offset + 5);
    if (name === "blackhole.test") return;
    const exists = name === "localhost";
    const answer =
      exists && type === 1 ? Buffer.from([0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 127, 0, 0, 1]) : Buffer.alloc(0);
    const header = Buffer.alloc(12);
    query.copy(header, 0, 0, 2); // id
    header.writeUInt16BE(0x8180 | (exists ? 0 : 3), 2); // response, recursion desired+available, rcode
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answer.length > 0 ? 1 : 0, 6);
    socket.send(Buffer.concat([header, question, answer]), peer.port, peer.address);
  });
  return new Promise((resolve) => socket.bind(0, "127.0.0.1", () => resolve(socket)));
}

describe("dns check", () => {
  let dns: { servers: string[] };
  beforeAll(async () => {
    const nameServer = await startNameServer();
    servers.push(nameServer);
    dns = { servers: [`127.0.0.1:${port(nameServer)}`] };
  });

  // Our own name server: resolve() asks DNS, never /etc/hosts, and a sandbox's
  // upstream may well answer NXDOMAIN for "localhost".
  it("is up when the name has records", async () => {
    const result = await runCheck(definition({ kind: "dns", target: "localhost" }), { dns });
    expect(result).toMatchObject({ outcome: "up", statusCode: null, error: null });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("is down on NXDOMAIN", async () => {
    expect(await runCheck(definition({ kind: "dns", target: "checkout.invalid" }), { dns })).toMatchObject({
      outcome: "down",
      error: "no such domain (NXDOMAIN)",
    });
  });

  it("is down for a .invalid name with the system's name servers too (RFC 6761)", async () => {
    expect(await runCheck(definition({ kind: "dns", target: "checkout.invalid" }))).toMatchObject({ outcome: "down" });
  });

  it("is down when the name server does not answer in time", async () => {
    const started = performance.now();
    const result = await runCheck(definition({ kind: "dns", target: "blackhole.test", timeoutMs: 400 }), { dns });
    expect(result).toMatchObject({ outcome: "down", error: "timed out after 400 ms" });
    expect(performance.now() - started).toBeLessThan(400 + 250);
  });
});

interface Certificate {
  key: string;
  cert: string;
}

const SUBJECT = ["-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"];
const EC_KEY = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

function openssl(dir: string, args: string[]): void {
  execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
}

function read(dir: string, name: string): Certificate {
  return {
    key: fs.readFileSync(path.join(dir, `${name}.key`), "utf8"),
    cert: fs.readFileSync(path.join(dir, `${name}.crt`), "utf8"),
  };
}

/** A self-signed certificate for localhost/127.0.0.1, valid from now for `days`. */
function selfSigned(dir: string, name: string, days: number): Certificate {
  openssl(dir, [
    "req",
    "-x509",
    ...EC_KEY,
    "-keyout",
    `${name}.key`,
    "-out",
    `${name}.crt`,
    "-days",
    String(days),
    ...SUBJECT,
  ]);
  return read(dir, name);
}

/** `req -days` refuses 0 and negatives, so `openssl ca` signs this one with dates in the past. */
function expiredSelfSigned(dir: string, name: string): Certificate {
  const config = [
    "[ca]",
    "default_ca = test",
    "[test]",
    "dir = .",
    "database = index.txt",
    "new_certs_dir = .",
    "serial = serial",
  ];
  config.push(
    "default_md = sha256",
    "policy = any",
    "copy_extensions = copy",
    "unique_subject = no",
    "[any]",
    "commonName = supplied",
  );
  fs.writeFileSync(path.join(dir, "ca.cnf"), `${config.join("\n")}\n`);
  fs.writeFileSync(path.join(dir, "index.txt"), "");
  fs.writeFileSync(path.join(dir, "serial"), "01\n");
  openssl(dir, ["req", "-new", ...EC_KEY, "-keyout", `${name}.key`, "-out", `${name}.csr`, ...SUBJECT]);
  openssl(dir, [
    "ca",
    "-batch",
    "-config",
    "ca.cnf",
    "-selfsign",
    "-keyfile",
    `${name}.key`,
    "-in",
    `${name}.csr`,
    "-out",
    `${name}.crt`,
    "-notext",
    "-startdate",
    "20200101000000Z",
    "-enddate",
    "20200102000000Z",
  ]);
  return read(dir, name);
}

describe("tls check", () => {
  let dir: string;
  let certificates: Record<"valid" | "expiring" | "expired", Certificate>;
  let targets: Record<keyof typeof certificates, string>;
  const tlsServer = async (certificate: Certificate) =>
    `127.0.0.1:${port(await listen(tls.createServer(certificate, (socket) => socket.end())))}`;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "bellwether-tls-"));
    certificates = {
      valid: selfSigned(dir, "valid", 365),
      expiring: selfSigned(dir, "expiring", 2),
      expired: expiredSelfSigned(dir, "expired"),
    };
    targets = {
      valid: await tlsServer(certificates.valid),
      expiring: await tlsServer(certificates.expiring),
      expired: await tlsServer(certificates.expired),
    };
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const tlsDefinition = (target: string) => definition({ kind: "tls", target, tlsWarnDays: 14 });

  it("is up with a trusted certificate far from expiry", async () => {
    const result = await runCheck(tlsDefinition(targets.valid), { tls: { ca: certificates.valid.cert } });
    expect(result).toMatchObject({ outcome: "up", statusCode: null, error: null });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("is down when the certificate is not trusted, unless told to look at expiry only", async () => {
    expect(await runCheck(tlsDefinition(targets.valid))).toMatchObject({
      outcome: "down",
      error: "certificate not trusted: self-signed certificate",
    });
    expect(await runCheck(tlsDefinition(targets.valid), { tls: { rejectUnauthorized: false } })).toMatchObject({
      outcome: "up",
    });
  });

  it("is degraded when the certificate expires within tlsWarnDays", async () => {
    const result = await runCheck(tlsDefinition(targets.expiring), { tls: { ca: certificates.expiring.cert } });
    expect(result.outcome).toBe("degraded");
    // Issued for 2 days a moment ago: a little under 2 whole days remain.
    expect(result.error).toBe("certificate expires in 1 day");
  });

  it("is down when the certificate has expired, trusted or not", async () => {
    // Valid 2020-01-01..02: the reason says how long ago, not OpenSSL's CERT_HAS_EXPIRED.
    for (const tlsOptions of [{ ca: certificates.expired.cert }, { rejectUnauthorized: false }, {}]) {
      const result = await runCheck(tlsDefinition(targets.expired), { tls: tlsOptions });
      expect(result.outcome).toBe("down");
      expect(result.error).toMatch(/^certificate expired \d{4,} days ago$/);
    }
  });

  it("is down when the handshake fails or nothing listens", async () => {
    const plain = await listen(net.createServer((socket) => socket.end("not TLS\r\n")));
    const handshake = await runCheck(tlsDefinition(`127.0.0.1:${port(plain)}`));
    expect(handshake).toMatchObject({ outcome: "down", error: "TLS handshake failed: wrong version number" });
    expect(await runCheck(tlsDefinition(`127.0.0.1:${await closedPort()}`))).toMatchObject({
      outcome: "down",
      error: "connection refused",
    });
  });
});
