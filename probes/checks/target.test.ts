import { describe, expect, it } from "vitest";
import { CheckTargetError, parseHostname, parseHostPort, parseHttpUrl } from "./target.ts";

describe("parseHostPort", () => {
  it("reads names, IPv4 and bracketed IPv6", () => {
    expect(parseHostPort("db.internal:5432")).toEqual({ host: "db.internal", port: 5432 });
    expect(parseHostPort(" 10.0.0.1:443 ")).toEqual({ host: "10.0.0.1", port: 443 });
    expect(parseHostPort("[::1]:8443")).toEqual({ host: "::1", port: 8443 });
  });

  it("refuses targets without a usable port", () => {
    for (const target of [
      "db.internal",
      "db.internal:",
      ":443",
      "host:0",
      "host:65536",
      "::1:443",
      "[nope]:1",
      "https://x:443",
      "a b:1",
    ]) {
      expect(() => parseHostPort(target), target).toThrow(CheckTargetError);
    }
  });
});

describe("parseHttpUrl", () => {
  it("accepts http and https URLs only", () => {
    expect(parseHttpUrl("https://api.example.com/health?deep=1").pathname).toBe("/health");
    expect(() => parseHttpUrl("ftp://example.com")).toThrow(
      'invalid target "ftp://example.com", expected an http(s) URL',
    );
    expect(() => parseHttpUrl("example.com/health")).toThrow(CheckTargetError);
  });
});

describe("parseHostname", () => {
  it("accepts DNS names, with or without the root dot", () => {
    expect(parseHostname("localhost")).toBe("localhost");
    expect(parseHostname("api.eu.example.com.")).toBe("api.eu.example.com");
    expect(parseHostname("_dmarc.example.com")).toBe("_dmarc.example.com");
  });

  it("refuses addresses, URLs and malformed names", () => {
    for (const target of [
      "",
      "127.0.0.1",
      "::1",
      "https://example.com",
      "-bad.example.com",
      "a..b",
      `${"x".repeat(64)}.com`,
    ]) {
      expect(() => parseHostname(target), target).toThrow(CheckTargetError);
    }
  });
});
