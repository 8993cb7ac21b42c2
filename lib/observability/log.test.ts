import { describe, expect, it } from "vitest";
import { createLogger, withRequestContext } from "./log.ts";

function capture(level = "info", secrets: string[] = []) {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const log = createLogger({
    level,
    secrets,
    write: (line) => {
      raw.push(line);
      lines.push(JSON.parse(line));
    },
  });
  return { log, lines, raw };
}

describe("the JSON logger", () => {
  it("writes one JSON object a line, with level, time and message", () => {
    const { log, lines, raw } = capture();
    log.info("worker lease acquired");
    expect(raw[0]!.endsWith("\n")).toBe(true);
    expect(lines[0]).toMatchObject({ level: "info", msg: "worker lease acquired" });
    expect(new Date(String(lines[0]!.time)).getTime()).not.toBeNaN();
  });

  it("stamps every line logged within a request with its id, and none outside it", async () => {
    const { log, lines } = capture();
    await withRequestContext({ requestId: "req-0001" }, async () => {
      log.info("before");
      await new Promise((resolve) => setTimeout(resolve, 1));
      log.warn("after an await");
    });
    log.info("outside");
    expect(lines.map((l) => l.reqId)).toEqual(["req-0001", "req-0001", undefined]);
  });

  it("writes nothing below its level", () => {
    const { log, lines } = capture("warn");
    log.info("quiet");
    log.debug("quieter");
    log.error("loud");
    expect(lines.map((l) => l.msg)).toEqual(["loud"]);
  });

  it("hides secrets in messages, fields and error stacks", () => {
    const { log, raw } = capture("info", ["the-auth-secret-value"]);
    log.info({ to: "jane@example.com", headers: { authorization: "Bearer bwt_abc123" } }, "sent");
    log.error({ err: new Error("login smtp://u:hunter2@smtp.example.com failed for the-auth-secret-value") }, "mail");
    const text = raw.join("");
    for (const secret of ["jane@example.com", "bwt_abc123", "hunter2", "the-auth-secret-value"])
      expect(text).not.toContain(secret);
    expect(text).toContain("[redacted]");
  });
});
