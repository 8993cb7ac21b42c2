import { describe, expect, it } from "vitest";
import { certificateVerdict, classify, DAY_MS, describeTlsError, span, statusFailure } from "./classify.ts";

describe("classify", () => {
  it("is up when nothing is wrong and latency is within the threshold", () => {
    expect(classify({ failure: null, latencyMs: 1000, degradedAboveMs: 1000 })).toEqual({ outcome: "up", error: null });
    expect(classify({ failure: null, latencyMs: null, degradedAboveMs: 1000 })).toEqual({ outcome: "up", error: null });
  });

  it("is degraded only when latency is strictly above the threshold", () => {
    expect(classify({ failure: null, latencyMs: 1001, degradedAboveMs: 1000 })).toEqual({
      outcome: "degraded",
      error: "took 1001 ms, above the 1000 ms threshold",
    });
  });

  it("lets a failure win over a warning, and a warning over slowness", () => {
    expect(
      classify({
        failure: "connection refused",
        warning: "certificate expires in 2 days",
        latencyMs: 5000,
        degradedAboveMs: 10,
      }),
    ).toEqual({
      outcome: "down",
      error: "connection refused",
    });
    expect(
      classify({ failure: null, warning: "certificate expires in 2 days", latencyMs: 5000, degradedAboveMs: 10 }),
    ).toEqual({
      outcome: "degraded",
      error: "certificate expires in 2 days",
    });
  });
});

describe("statusFailure", () => {
  it("accepts any 2xx when no status is expected", () => {
    for (const status of [200, 201, 204, 299]) expect(statusFailure(status, null)).toBeNull();
    expect(statusFailure(301, null)).toBe("expected a 2xx status, got 301");
    expect(statusFailure(503, null)).toBe("expected a 2xx status, got 503");
  });

  it("wants exactly the expected status otherwise", () => {
    expect(statusFailure(200, 200)).toBeNull();
    expect(statusFailure(401, 401)).toBeNull();
    expect(statusFailure(503, 200)).toBe("expected status 200, got 503");
    expect(statusFailure(204, 200)).toBe("expected status 200, got 204");
  });
});

describe("certificateVerdict", () => {
  const now = new Date("2026-03-01T12:00:00Z");
  const facts = (validTo: Date, more: Partial<Parameters<typeof certificateVerdict>[0]> = {}) => ({
    validFrom: new Date("2025-01-01T00:00:00Z"),
    validTo,
    authorizationError: null,
    now,
    warnDays: 14,
    ...more,
  });
  const inDays = (days: number) => new Date(now.getTime() + days * DAY_MS);

  it("is fine well before expiry", () => {
    expect(certificateVerdict(facts(inDays(60)))).toEqual({ failure: null, warning: null });
    expect(certificateVerdict(facts(inDays(14)))).toEqual({ failure: null, warning: null });
  });

  it("warns within the warning window", () => {
    expect(certificateVerdict(facts(inDays(13.9)))).toEqual({
      failure: null,
      warning: "certificate expires in 13 days",
    });
    expect(certificateVerdict(facts(inDays(1)))).toEqual({ failure: null, warning: "certificate expires in 1 day" });
    expect(certificateVerdict(facts(inDays(0.25)))).toEqual({
      failure: null,
      warning: "certificate expires in 6 hours",
    });
    expect(certificateVerdict(facts(inDays(3), { warnDays: 0 }))).toEqual({ failure: null, warning: null });
  });

  it("fails once expired, saying how long ago, even when the chain is also untrusted", () => {
    expect(certificateVerdict(facts(inDays(-3), { authorizationError: "CERT_HAS_EXPIRED" }))).toEqual({
      failure: "certificate expired 3 days ago",
      warning: null,
    });
    expect(certificateVerdict(facts(now)).failure).toBe("certificate expired less than an hour ago");
  });

  it("fails before the certificate is valid", () => {
    expect(certificateVerdict(facts(inDays(400), { validFrom: inDays(2) })).failure).toBe(
      "certificate is not valid until 2026-03-03T12:00:00.000Z",
    );
  });

  it("fails when the chain or host name does not verify", () => {
    expect(certificateVerdict(facts(inDays(60), { authorizationError: "DEPTH_ZERO_SELF_SIGNED_CERT" })).failure).toBe(
      "certificate not trusted: self-signed certificate",
    );
    expect(certificateVerdict(facts(inDays(60), { authorizationError: "SOMETHING_NEW" })).failure).toBe(
      "certificate not trusted: SOMETHING_NEW",
    );
  });

  it("fails on dates it cannot read", () => {
    expect(certificateVerdict(facts(new Date("garbage"))).failure).toBe("certificate has unreadable validity dates");
  });
});

describe("span", () => {
  it("counts whole days, then whole hours", () => {
    expect(span(2 * DAY_MS - 1)).toBe("1 day");
    expect(span(2 * DAY_MS)).toBe("2 days");
    expect(span(3_600_000)).toBe("1 hour");
    expect(span(59 * 60_000)).toBe("less than an hour");
  });
});

describe("describeTlsError", () => {
  it("names common verification failures", () => {
    expect(describeTlsError("ERR_TLS_CERT_ALTNAME_INVALID")).toBe("certificate does not match the host name");
  });
});
