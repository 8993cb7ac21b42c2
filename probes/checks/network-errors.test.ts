import { describe, expect, it } from "vitest";
import { describeNetworkError, MAX_ERROR_LENGTH, truncate } from "./network-errors.ts";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("describeNetworkError", () => {
  it("looks through fetch's wrapper to the socket error", () => {
    const error = new TypeError("fetch failed", {
      cause: withCode("connect ECONNREFUSED 127.0.0.1:1", "ECONNREFUSED"),
    });
    expect(describeNetworkError(error)).toBe("connection refused");
  });

  it("names TLS verification failures", () => {
    const error = new TypeError("fetch failed", { cause: withCode("certificate has expired", "CERT_HAS_EXPIRED") });
    expect(describeNetworkError(error)).toBe("certificate has expired");
  });

  it("keeps the readable part of an OpenSSL handshake error", () => {
    const error = Object.assign(
      withCode(
        "80:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:ssl3_record.c:350:",
        "ERR_SSL_WRONG_VERSION_NUMBER",
      ),
      {
        reason: "wrong version number",
      },
    );
    expect(describeNetworkError(error)).toBe("TLS handshake failed: wrong version number");
  });

  it("falls back to the most specific message it has", () => {
    expect(describeNetworkError(new TypeError("fetch failed", { cause: new Error("other side closed") }))).toBe(
      "other side closed",
    );
    expect(describeNetworkError(withCode("weird", "EWEIRD"))).toBe("weird");
    expect(describeNetworkError("plain string")).toBe("plain string");
  });

  it("keeps messages short enough to store and read", () => {
    expect(describeNetworkError(new Error("x".repeat(5000))).length).toBe(MAX_ERROR_LENGTH);
    expect(truncate("short")).toBe("short");
  });
});
