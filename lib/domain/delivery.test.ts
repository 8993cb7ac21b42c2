import { describe, expect, it } from "vitest";
import {
  afterFailure,
  classifySmtpFailure,
  MAX_DELIVERY_ATTEMPTS,
  RETRY_BASE_MS,
  RETRY_MAX_MS,
  retryDelayMs,
} from "./delivery.ts";

describe("classifySmtpFailure", () => {
  it("retries when the server answered 4xx or did not answer at all", () => {
    expect(classifySmtpFailure({})).toBe("retry");
    expect(classifySmtpFailure({ responseCode: 421, command: "CONN" })).toBe("retry");
    expect(classifySmtpFailure({ responseCode: 452, command: "RCPT TO", response: "452 4.2.2 Mailbox full" })).toBe(
      "retry",
    );
  });

  it("treats an unknown or disabled mailbox as a hard bounce", () => {
    expect(
      classifySmtpFailure({ responseCode: 550, command: "RCPT TO", response: "550 5.1.1 <a@b.test>: user unknown" }),
    ).toBe("hard_bounce");
    expect(classifySmtpFailure({ responseCode: 550, command: "RCPT TO", response: "550 5.1.10 null MX" })).toBe(
      "hard_bounce",
    );
    expect(classifySmtpFailure({ responseCode: 550, command: "RCPT TO", response: "550 5.2.1 mailbox disabled" })).toBe(
      "hard_bounce",
    );
    expect(classifySmtpFailure({ responseCode: 550, command: "RCPT TO", response: "550 No such user here" })).toBe(
      "hard_bounce",
    );
  });

  it("fails other 5xx once without suppressing the address (policy, content, a broken sender)", () => {
    expect(
      classifySmtpFailure({ responseCode: 550, command: "RCPT TO", response: "550 5.7.1 Rejected by policy" }),
    ).toBe("permanent");
    expect(
      classifySmtpFailure({ responseCode: 554, command: "DATA", response: "554 5.6.0 Message content rejected" }),
    ).toBe("permanent");
    expect(classifySmtpFailure({ responseCode: 553, command: "MAIL FROM", response: "553 sender not allowed" })).toBe(
      "permanent",
    );
  });
});

describe("retries", () => {
  it("back off exponentially from 30 s to at most an hour, with ±20 % jitter", () => {
    expect(RETRY_BASE_MS).toBe(30_000);
    expect(RETRY_MAX_MS).toBe(3_600_000);
    expect(MAX_DELIVERY_ATTEMPTS).toBe(8);
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, 0.5))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(20, 0.5)).toBe(3_600_000);
    expect(retryDelayMs(1, 0)).toBe(24_000);
    expect(retryDelayMs(1, 0.999999)).toBeLessThanOrEqual(36_000);
  });

  it("give up after the last attempt, and at once on a permanent failure or a hard bounce", () => {
    const now = new Date("2026-03-01T00:00:00Z");
    expect(afterFailure("retry", 1, now, 0.5)).toEqual({
      state: "pending",
      nextAttemptAt: new Date("2026-03-01T00:00:30Z"),
    });
    expect(afterFailure("retry", MAX_DELIVERY_ATTEMPTS, now, 0.5)).toEqual({
      state: "failed",
      suppressSubscriber: false,
    });
    expect(afterFailure("permanent", 1, now, 0.5)).toEqual({ state: "failed", suppressSubscriber: false });
    expect(afterFailure("hard_bounce", 1, now, 0.5)).toEqual({ state: "failed", suppressSubscriber: true });
  });
});
