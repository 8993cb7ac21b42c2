import { describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { readJson } from "./handler.ts";

function requestWith(body: ReadableStream<Uint8Array>): Request {
  return new Request("http://bellwether.test/api/agent/results", {
    method: "POST",
    body,
    duplex: "half",
  } as RequestInit);
}

describe("readJson", () => {
  it("reads a body sent in chunks", async () => {
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('{"results":'));
        controller.enqueue(encoder.encode("[1,2]}"));
        controller.close();
      },
    });
    expect(await readJson(requestWith(body))).toEqual({ results: [1, 2] });
  });

  it("answers a body cut off by the client with a 400, not an internal error", async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"results":['));
        controller.error(new Error("aborted"));
      },
    });
    const error = await readJson(requestWith(body)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("BAD_REQUEST");
    expect((error as AppError).message).toContain("connection closed");
  });

  it("refuses a chunked body as soon as it passes the limit", async () => {
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const error = await readJson(requestWith(body), 4096).catch((e: unknown) => e);
    expect((error as AppError).code).toBe("PAYLOAD_TOO_LARGE");
  });
});
