import { describe, expect, it } from "vitest";
import { CLOCK_TOLERANCE_MS, ServerClock } from "./server-clock.ts";

function clockAt(offsetFromServerMs: number) {
  const lines: string[] = [];
  let serverNow = Date.parse("2026-12-04T12:00:00.000Z");
  const host = { skew: offsetFromServerMs };
  const clock = new ServerClock(
    () => serverNow + host.skew,
    (line) => lines.push(line),
  );
  const answer = (roundTripMs = 40) => {
    const sentAt = clock.started();
    serverNow += roundTripMs / 2;
    const header = new Date(serverNow).toUTCString();
    serverNow += roundTripMs / 2;
    clock.observe(header, sentAt);
  };
  return { clock, lines, answer, host, server: () => serverNow };
}

describe("the agent's server clock", () => {
  it("stamps with the server's time when the agent's clock is 5 minutes behind, and says so once", () => {
    const c = clockAt(-5 * 60_000);
    c.answer();
    c.answer();
    expect(Math.abs(c.clock.now() - c.server())).toBeLessThanOrEqual(1_000);
    expect(c.lines).toEqual([
      "this agent's clock is 5 min 0 s behind the server's: results are stamped with the server's time (fix the host's clock, e.g. NTP)",
    ]);
  });

  it("does the same when it is 5 minutes ahead", () => {
    const c = clockAt(5 * 60_000);
    c.answer();
    expect(Math.abs(c.clock.now() - c.server())).toBeLessThanOrEqual(1_000);
    expect(c.lines[0]).toContain("5 min 0 s ahead of the server's");
  });

  it("trusts a clock within the tolerance, and goes back to it once the host's clock is fixed", () => {
    const c = clockAt(CLOCK_TOLERANCE_MS - 2_000);
    c.answer();
    expect(c.clock.offsetMs).toBe(0);
    expect(c.lines).toEqual([]);
    const off = clockAt(-60_000);
    off.answer();
    expect(off.clock.offsetMs).not.toBe(0);
    off.host.skew = 0; // NTP stepped the host's clock
    off.answer();
    expect(off.clock.offsetMs).toBe(0);
    expect(off.lines.at(-1)).toBe("this agent's clock agrees with the server's again: results are stamped with it");
  });

  it("ignores an answer without a usable Date header", () => {
    const c = clockAt(-5 * 60_000);
    c.clock.observe(null, c.clock.started());
    c.clock.observe("yesterday-ish", c.clock.started());
    expect(c.clock.offsetMs).toBe(0);
  });
});
