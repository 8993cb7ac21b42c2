// A real SMTP server (smtp-server) that keeps what it receives, for tests and
// benchmarks. Recipients can be made to hard-bounce (550 5.1.1) or to fail
// temporarily (451) a number of times; messages can be slowed down.
import { type AddressInfo, createServer as createNetServer } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMessage {
  from: string;
  to: string[];
  raw: Buffer;
  /** The Message-ID header, angle brackets included. */
  messageId: string | null;
  receivedAt: number;
}

export interface SmtpSinkOptions {
  /** Delay before accepting each message (ms). */
  delayMs?: number;
  /** Keep raw messages (off for big benchmarks: only counts and Message-IDs). */
  keepRaw?: boolean;
  port?: number;
}

export interface SmtpSink {
  port: number;
  url: string;
  messages: ReceivedMessage[];
  /** Every RCPT TO for this address answers 550 5.1.1. */
  bounce(address: string): void;
  /** The next `times` RCPT TO for this address answer 451 4.3.0. */
  deferOnce(address: string, times?: number): void;
  parse(message: ReceivedMessage): Promise<ParsedMail>;
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  clear(): void;
  close(): Promise<void>;
}

export function headerValue(raw: Buffer | string, name: string): string | null {
  const text = raw.toString("latin1");
  const head = text.slice(0, Math.max(0, text.indexOf("\r\n\r\n")));
  const match = new RegExp(`^${name}:[ \\t]*((?:.*)(?:\\r\\n[ \\t].*)*)`, "im").exec(head);
  return match ? match[1]!.replace(/\r\n[ \t]+/g, " ").trim() : null;
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: ReceivedMessage[] = [];
  const bounced = new Set<string>();
  const deferred = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    size: 10 * 1024 * 1024,
    maxClients: 200,
    onRcptTo(address, _session, callback) {
      const to = address.address.toLowerCase();
      if (bounced.has(to))
        return callback(Object.assign(new Error(`5.1.1 <${to}>: user unknown`), { responseCode: 550 }));
      const left = deferred.get(to) ?? 0;
      if (left > 0) {
        deferred.set(to, left - 1);
        return callback(Object.assign(new Error("4.3.0 try again later"), { responseCode: 451 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", () => {});
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        // Like a real server: the message is kept (queued) the moment "250 OK" goes out.
        const accept = () => {
          messages.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            raw: options.keepRaw === false ? Buffer.alloc(0) : raw,
            messageId: headerValue(raw, "Message-ID"),
            receivedAt: Date.now(),
          });
          callback();
        };
        if (options.delayMs) setTimeout(accept, options.delayMs);
        else accept();
      });
    },
  });
  const port = options.port ?? (await freePort());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  server.on("error", () => {});
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    bounce: (address) => bounced.add(address.toLowerCase()),
    deferOnce: (address, times = 1) => deferred.set(address.toLowerCase(), times),
    parse: (message) => simpleParser(message.raw),
    async waitFor(count, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`the SMTP sink got ${messages.length} messages, expected ${count}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    clear: () => {
      messages.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
