import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  DEFAULT_DUE_BUSINESS_DAYS,
  isOutstanding,
  mayMarkNotRequired,
  postmortemAgeMs,
  postmortemDueAt,
  postmortemPolicyStatus,
  postmortemRequired,
} from "./postmortem-policy.ts";

const d = (iso: string) => new Date(iso);

describe("postmortem policy", () => {
  it("pins the defaults the README prints: P1 3 business days, P2 5", () => {
    expect(DEFAULT_DUE_BUSINESS_DAYS).toEqual({ P1: 3, P2: 5 });
    expect(["P1", "P2", "P3", "P4"].map((p) => postmortemRequired(p as "P1"))).toEqual([true, true, false, false]);
    expect(["P1", "P2", "P3", "P4"].map((p) => mayMarkNotRequired(p as "P1"))).toEqual([false, false, true, true]);
  });

  it.each([
    // Monday 10:00 + 3 → Thursday; Friday + 3 → Wednesday; Saturday + 1 → Monday.
    ["2026-03-02T10:00:00Z", 3, "2026-03-05T10:00:00Z"],
    ["2026-03-06T10:00:00Z", 3, "2026-03-11T10:00:00Z"],
    ["2026-03-06T23:30:00Z", 5, "2026-03-13T23:30:00Z"],
    ["2026-03-07T08:00:00Z", 1, "2026-03-09T08:00:00Z"],
    ["2026-03-08T08:00:00Z", 1, "2026-03-09T08:00:00Z"],
    ["2026-03-02T10:00:00Z", 0, "2026-03-02T10:00:00Z"],
  ])("%s plus %i business days is %s (UTC)", (from, days, due) => {
    expect(addBusinessDays(d(from), days)).toEqual(d(due));
  });

  it("never lands on a weekend and covers days + weekends in between", () => {
    fc.assert(
      fc.property(
        fc.date({ min: d("2000-01-01"), max: d("2100-01-01"), noInvalidDate: true }),
        fc.integer({ min: 1, max: 30 }),
        (from, days) => {
          const due = addBusinessDays(from, days);
          expect([0, 6]).not.toContain(due.getUTCDay());
          const calendarDays = (due.getTime() - from.getTime()) / 86_400_000;
          expect(calendarDays).toBeGreaterThanOrEqual(days);
          expect(calendarDays).toBeLessThanOrEqual(days + 2 * Math.ceil(days / 5) + 2);
        },
      ),
    );
  });

  it("rejects negative or fractional days", () => {
    expect(() => addBusinessDays(d("2026-03-02T00:00:00Z"), -1)).toThrow(RangeError);
    expect(() => addBusinessDays(d("2026-03-02T00:00:00Z"), 1.5)).toThrow(RangeError);
  });

  it("has no due date before resolution or for P3/P4, and reads the settings", () => {
    expect(postmortemDueAt("P1", null)).toBeNull();
    expect(postmortemDueAt("P3", d("2026-03-02T10:00:00Z"))).toBeNull();
    expect(postmortemDueAt("P2", d("2026-03-02T10:00:00Z"))).toEqual(d("2026-03-09T10:00:00Z"));
    expect(postmortemDueAt("P2", d("2026-03-02T10:00:00Z"), { dueBusinessDays: { P1: 1, P2: 2 } })).toEqual(
      d("2026-03-04T10:00:00Z"),
    );
  });

  describe("status", () => {
    const resolved = d("2026-03-02T10:00:00Z");
    const before = d("2026-03-03T10:00:00Z");
    const after = d("2026-03-06T10:00:00Z");
    const draft = { state: "draft" as const, notRequired: false, firstPublishedAt: null };

    it.each([
      ["pending while a P1 is open", { priority: "P1", resolvedAt: null }, null, before, "pending"],
      ["missing when due and not started", { priority: "P1", resolvedAt: resolved }, null, before, "missing"],
      ["due when started, before the date", { priority: "P1", resolvedAt: resolved }, draft, before, "due"],
      ["overdue past the date, started or not", { priority: "P1", resolvedAt: resolved }, null, after, "overdue"],
      ["overdue when only a draft exists", { priority: "P1", resolvedAt: resolved }, draft, after, "overdue"],
      [
        "published once published, even if edited since",
        { priority: "P1", resolvedAt: resolved },
        { state: "in_review", notRequired: false, firstPublishedAt: before },
        after,
        "published",
      ],
      [
        "not required when a P3 is marked",
        { priority: "P3", resolvedAt: resolved },
        { ...draft, notRequired: true },
        after,
        "not_required",
      ],
      ["optional for an unmarked P4", { priority: "P4", resolvedAt: resolved }, null, after, "optional"],
    ] as const)("%s", (_, incident, postmortem, now, status) => {
      expect(postmortemPolicyStatus(incident, postmortem, now)).toBe(status);
    });

    it("lists only missing, due and overdue as outstanding", () => {
      expect(
        ["pending", "missing", "due", "overdue", "published", "not_required", "optional"].filter((s) =>
          isOutstanding(s as "due"),
        ),
      ).toEqual(["missing", "due", "overdue"]);
    });
  });

  it("measures age from resolution, never negative", () => {
    expect(postmortemAgeMs(null, d("2026-03-03T00:00:00Z"))).toBeNull();
    expect(postmortemAgeMs(d("2026-03-02T00:00:00Z"), d("2026-03-03T00:00:00Z"))).toBe(86_400_000);
    expect(postmortemAgeMs(d("2026-03-04T00:00:00Z"), d("2026-03-03T00:00:00Z"))).toBe(0);
  });
});
