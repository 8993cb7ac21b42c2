import { describe, expect, it } from "vitest";
import { securityHeadersFor } from "./security-headers.ts";

const settings = { publicFrameAncestors: "'self' https://shop.example.com" };
const nonce = () => "n0nce";

describe("securityHeadersFor", () => {
  it("never lets the console or a page with a token in its address be framed, and gives Next the nonce for its scripts", () => {
    for (const path of ["/admin", "/admin/incidents/x", "/admin/sign-in", "/api/auth/signin/email"]) {
      const headers = securityHeadersFor(path, settings, nonce);
      expect(headers.response["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(headers.response["content-security-policy"]).toContain("script-src 'self' 'nonce-n0nce'");
      expect(headers.response["x-frame-options"]).toBe("DENY");
      expect(headers.response["referrer-policy"]).toBe("same-origin");
      expect(headers.requestCsp).toBe(headers.response["content-security-policy"]);
    }
    for (const path of [
      "/subscribe/manage",
      "/subscribe/confirm",
      "/subscribe/unsubscribe",
      "/api/subscribers/unsubscribe",
      "/admin/sign-in/confirm",
      "/api/auth/callback/email",
    ]) {
      expect(securityHeadersFor(path, settings, nonce).response["referrer-policy"], path).toBe("no-referrer");
      expect(securityHeadersFor(path, settings, nonce).response["content-security-policy"], path).toContain(
        "frame-ancestors 'none'",
      );
    }
  });

  it("lets the public pages be framed where PUBLIC_FRAME_ANCESTORS says, and nowhere else", () => {
    const home = securityHeadersFor("/", settings, nonce);
    expect(home.response["content-security-policy"]).toBe("frame-ancestors 'self' https://shop.example.com");
    expect(home.response["x-frame-options"]).toBeUndefined();
    expect(home.requestCsp).toBeUndefined();
    expect(securityHeadersFor("/subscribe", { publicFrameAncestors: "'self'" }).response["x-frame-options"]).toBe(
      "SAMEORIGIN",
    );
    expect(securityHeadersFor("/administrator", { publicFrameAncestors: "'none'" }).response["x-frame-options"]).toBe(
      "DENY",
    );
  });
});
