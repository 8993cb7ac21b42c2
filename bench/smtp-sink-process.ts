// The notify benchmark's SMTP sink in a child process of its own, so that
// receiving mail is not charged to the sender's event loop. Counts messages
// and distinct Message-IDs; answers "count" and "reset" over IPC.
import { startSmtpSink } from "../tests/support/smtp-sink.ts";

const sink = await startSmtpSink({ keepRaw: false });
process.send?.({ url: sink.url });
process.on("message", (message) => {
  if (message === "count") {
    const distinct = new Set(sink.messages.map((m) => m.messageId)).size;
    process.send?.({ count: sink.messages.length, distinct });
  } else if (message === "reset") {
    sink.clear();
    process.send?.({ reset: true });
  } else if (message === "stop") {
    void sink.close().then(() => process.exit(0));
  }
});
process.on("disconnect", () => void sink.close().then(() => process.exit(0)));
