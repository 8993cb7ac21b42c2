import { describe, expect, it } from "vitest";
import { hashToken, newConfirmToken, signSubscriberLink, subscriberIdOfLink, verifySubscriberLink } from "./tokens.ts";

const secret = "s".repeat(40);
const subscriber = { id: "cmabc123def456", confirmedAt: new Date("2026-03-01T10:00:00Z") };

describe("confirmation tokens", () => {
  it("are 256 random bits, stored only as their hash", () => {
    const a = newConfirmToken();
    const b = newConfirmToken();
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toBe(hashToken(a.token));
    expect(a.hash).not.toContain(a.token);
  });
});

describe("manage and unsubscribe links", () => {
  it("verify for their own subscriber and purpose only", () => {
    const manage = signSubscriberLink(secret, "manage", subscriber.id, subscriber.confirmedAt);
    expect(subscriberIdOfLink(manage)).toBe(subscriber.id);
    expect(verifySubscriberLink(secret, "manage", manage, subscriber)).toBe(true);
    // An unsubscribe link does not let anyone change the scope, and vice versa.
    expect(verifySubscriberLink(secret, "unsubscribe", manage, subscriber)).toBe(false);
    expect(verifySubscriberLink(secret, "manage", manage, { ...subscriber, id: "cmother" })).toBe(false);
    expect(verifySubscriberLink("t".repeat(40), "manage", manage, subscriber)).toBe(false);
  });

  it("stop working when the address subscribes again, and never work unconfirmed", () => {
    const link = signSubscriberLink(secret, "unsubscribe", subscriber.id, subscriber.confirmedAt);
    expect(
      verifySubscriberLink(secret, "unsubscribe", link, {
        ...subscriber,
        confirmedAt: new Date("2026-04-01T00:00:00Z"),
      }),
    ).toBe(false);
    expect(verifySubscriberLink(secret, "unsubscribe", link, { ...subscriber, confirmedAt: null })).toBe(false);
  });

  it("refuse anything malformed", () => {
    const link = signSubscriberLink(secret, "manage", subscriber.id, subscriber.confirmedAt);
    expect(subscriberIdOfLink("")).toBeNull();
    expect(subscriberIdOfLink(`${subscriber.id}.short`)).toBeNull();
    const sig = link.slice(subscriber.id.length + 1);
    const tampered = `${subscriber.id}.${sig[0] === "A" ? "B" : "A"}${sig.slice(1)}`;
    expect(verifySubscriberLink(secret, "manage", tampered, subscriber)).toBe(false);
    expect(verifySubscriberLink(secret, "manage", `${subscriber.id}.${"A".repeat(43)}`, subscriber)).toBe(false);
  });
});
