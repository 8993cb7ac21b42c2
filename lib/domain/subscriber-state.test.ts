import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maskAddress, scopeKind, subscriberState } from "./subscriber-state.ts";

const at = new Date("2026-12-01T00:00:00Z");

describe("subscriberState", () => {
  it("names the reason delivery stops, suppression first", () => {
    expect(subscriberState({ confirmedAt: null, unsubscribedAt: null, suppressedAt: null })).toBe("pending");
    expect(subscriberState({ confirmedAt: at, unsubscribedAt: null, suppressedAt: null })).toBe("confirmed");
    expect(subscriberState({ confirmedAt: at, unsubscribedAt: at, suppressedAt: null })).toBe("unsubscribed");
    expect(subscriberState({ confirmedAt: at, unsubscribedAt: at, suppressedAt: at })).toBe("suppressed");
  });
});

describe("scopeKind", () => {
  it("tells everything, chosen parts, a followed incident and an ended follow apart", () => {
    const row = { scopeAll: false, regionCount: 0, componentCount: 0, incidentCount: 0 };
    expect(scopeKind({ ...row, scopeAll: true, incidentCount: 1 })).toBe("everything");
    expect(scopeKind({ ...row, regionCount: 1, incidentCount: 1 })).toBe("chosen");
    expect(scopeKind({ ...row, incidentCount: 1 })).toBe("incident");
    expect(scopeKind(row)).toBe("none");
  });
});

describe("maskAddress", () => {
  it("keeps a first letter and the top-level domain of an email address", () => {
    expect(maskAddress("alice.smith@example.com")).toBe("a•••@e•••.com");
  });

  it("keeps the scheme and top-level domain of a webhook URL", () => {
    expect(maskAddress("https://hooks.slack.com/services/T000/B000/XXXX")).toBe("https://•••.com/•••");
  });

  it("never contains the local part or the host of any address", () => {
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        const masked = maskAddress(email);
        const [local, domain] = [email.slice(0, email.lastIndexOf("@")), email.slice(email.lastIndexOf("@") + 1)];
        if (local.length > 1) expect(masked).not.toContain(local);
        const host = domain.slice(0, domain.lastIndexOf("."));
        if (host.length > 1) expect(masked).not.toContain(host);
      }),
    );
  });
});
