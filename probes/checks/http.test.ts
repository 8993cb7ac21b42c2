import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES, readBody } from "./http.ts";

const streamed = (...chunks: string[]) =>
  new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
        controller.close();
      },
    }),
  );

describe("readBody", () => {
  it("reads a whole body that fits", async () => {
    expect(await readBody(streamed("hel", "lo"), 5)).toEqual({ text: "hello", truncated: false });
    expect(await readBody(new Response(null, { status: 204 }), 5)).toEqual({ text: "", truncated: false });
  });

  it("stops at the cap and says so", async () => {
    expect(await readBody(streamed("abc", "defgh", "ijk"), 5)).toEqual({ text: "abcde", truncated: true });
  });

  it("caps probes at 1 MB", () => {
    expect(MAX_BODY_BYTES).toBe(1_048_576);
  });
});
