// The review flow: draft → in_review → approved → published, the two-person
// rule, and what an edit does to an approved or published postmortem. Pure.
import type { PostmortemState } from "../generated/prisma/enums.ts";

export type { PostmortemState };

export type ReviewCheck = { ok: true } | { ok: false; code: "INVALID_TRANSITION" | "FORBIDDEN"; reason: string };

const STATE_WORD: Readonly<Record<PostmortemState, string>> = {
  draft: "a draft",
  in_review: "in review",
  approved: "approved",
  published: "published",
};

export const POSTMORTEM_STATE_LABEL: Readonly<Record<PostmortemState, string>> = {
  draft: "Draft",
  in_review: "In review",
  approved: "Approved",
  published: "Published",
};

export function checkSubmit(state: PostmortemState): ReviewCheck {
  if (state === "draft") return { ok: true };
  return {
    ok: false,
    code: "INVALID_TRANSITION",
    reason: `This postmortem is ${STATE_WORD[state]}; only a draft can be submitted for review.`,
  };
}

/** The approver must not be the author (two-person rule). */
export function checkApprove(state: PostmortemState, authorId: string | null, approverId: string): ReviewCheck {
  if (state !== "in_review") {
    return {
      ok: false,
      code: "INVALID_TRANSITION",
      reason: `This postmortem is ${STATE_WORD[state]}; only one in review can be approved.`,
    };
  }
  if (authorId !== null && authorId === approverId) {
    return {
      ok: false,
      code: "FORBIDDEN",
      reason: "You wrote this postmortem: another engineer must approve it (two-person rule).",
    };
  }
  return { ok: true };
}

export function checkPublish(state: PostmortemState): ReviewCheck {
  if (state === "approved") return { ok: true };
  const reason =
    state === "published"
      ? "This version is already published; edit it and have it approved to publish again."
      : `This postmortem is ${STATE_WORD[state]}; it must be approved by a second engineer before it is published.`;
  return { ok: false, code: "INVALID_TRANSITION", reason };
}

/** An edit sends an approved or published postmortem back to review; a draft stays a draft. */
export function stateAfterEdit(state: PostmortemState): PostmortemState {
  return state === "approved" || state === "published" ? "in_review" : state;
}
