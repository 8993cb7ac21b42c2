import { describe, expect, it } from "vitest";
import { checkApprove, checkPublish, checkSubmit, stateAfterEdit } from "./postmortem-review.ts";

describe("review flow", () => {
  it("submits only drafts", () => {
    expect(checkSubmit("draft").ok).toBe(true);
    for (const s of ["in_review", "approved", "published"] as const)
      expect(checkSubmit(s)).toMatchObject({ ok: false, code: "INVALID_TRANSITION" });
  });

  it("approves only what is in review, and never by its author", () => {
    expect(checkApprove("in_review", "alice", "bob").ok).toBe(true);
    expect(checkApprove("in_review", "alice", "alice")).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
      reason: expect.stringContaining("two-person rule"),
    });
    expect(checkApprove("draft", "alice", "bob")).toMatchObject({ ok: false, code: "INVALID_TRANSITION" });
    expect(checkApprove("approved", "alice", "bob")).toMatchObject({ ok: false, code: "INVALID_TRANSITION" });
  });

  it("publishes only approved postmortems", () => {
    expect(checkPublish("approved").ok).toBe(true);
    expect(checkPublish("in_review")).toMatchObject({
      ok: false,
      code: "INVALID_TRANSITION",
      reason: expect.stringContaining("approved by a second engineer"),
    });
    expect(checkPublish("draft").ok).toBe(false);
    expect(checkPublish("published").ok).toBe(false);
  });

  it("sends approved and published postmortems back to review on an edit", () => {
    expect(["draft", "in_review", "approved", "published"].map((s) => stateAfterEdit(s as "draft"))).toEqual([
      "draft",
      "in_review",
      "in_review",
      "in_review",
    ]);
  });
});
