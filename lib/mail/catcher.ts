// The demo's mail catcher: an SMTP server on 127.0.0.1 that accepts every
// message and keeps it in the mailbox (lib/mail/mailbox.ts) instead of
// delivering it, so that a newcomer can sign in without any mail setup.
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { isLoopback } from "../http/client-address.ts";
import { storeCaughtMail } from "./mailbox.ts";
import { logError } from "../observability/log.ts";

export const MAX_MESSAGE_BYTES = 1024 * 1024;

export interface MailCatcher {
  port: number;
  close(): Promise<void>;
}

function addresses(
  value: { value: { address?: string }[] } | { value: { address?: string }[] }[] | undefined,
): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? "").filter(Boolean));
}

export async function startMailCatcher(options: {
  port: number;
  dataDir: string;
  host?: string;
  /** How long it takes to accept each message, read per message; a test sets it to answer like a distant server. */
  answerDelayMs?: () => number;
}): Promise<MailCatcher> {
  const host = options.host ?? "127.0.0.1";
  // Whoever can reach it can put mail in the mailbox, and the mailbox holds sign-in links: this machine only.
  if (host !== "localhost" && !isLoopback(host))
    throw new Error(`The mail catcher listens on loopback only, not ${host}.`);
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    size: MAX_MESSAGE_BYTES,
    banner: "Bellwether demo mail catcher: nothing is delivered",
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          const delay = options.answerDelayMs?.() ?? 0;
          if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
          const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
          await storeCaughtMail(options.dataDir, {
            from: mail.from?.text ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : ""),
            to: envelopeTo.length > 0 ? envelopeTo : addresses(mail.to),
            subject: mail.subject ?? "(no subject)",
            text: mail.text ?? "",
          });
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new Error(
              `Port ${options.port} is already in use: set MAIL_CATCHER_PORT to a free one (or SMTP_URL to a real mail server).`,
            )
          : error,
      ),
    );
    server.listen(options.port, host, () => resolve());
  });
  server.on("error", (error) => logError("mail catcher failed", error));
  const address = server.server.address();
  return {
    port: typeof address === "object" && address ? address.port : options.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
