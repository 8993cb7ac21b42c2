// Review and publishing: draft → in review → approved → published, with the
// two-person rule shown where it applies (Approve is disabled, with the
// reason, for the author), and "not required" for P3/P4 incidents.
import { can, type Actor } from "@/lib/domain/roles.ts";
import type { PostmortemView } from "@/lib/postmortems/types.ts";
import { INPUT_CLASS } from "../../../../_components/field-props.ts";
import { Utc } from "../../../../_components/badges.tsx";
import { PostmortemStateBadge, personName } from "../../../postmortems/postmortem-badges.tsx";
import {
  approvePostmortemAction,
  markNotRequiredAction,
  publishPostmortemAction,
  submitForReviewAction,
  undoNotRequiredAction,
} from "./actions.ts";
import { InlineForm } from "./inline-form.tsx";

export function ReviewBox({ postmortem, actor }: { postmortem: PostmortemView; actor: Actor }) {
  const p = postmortem.permissions;
  const fields = {
    postmortemId: postmortem.id,
    incidentId: postmortem.incidentId,
    expectedVersion: String(postmortem.version),
  };
  const reviewer = can(actor.role, "postmortem.review");
  return (
    <section
      aria-labelledby="review"
      className="space-y-3 rounded-lg border border-slate-300 p-4 dark:border-slate-700"
      data-testid="review-box"
    >
      <h2 id="review" className="text-xl font-semibold">
        Review
      </h2>
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <PostmortemStateBadge state={postmortem.state} />
        <span>
          written by {personName(postmortem.author)}
          {postmortem.submittedAt && (
            <>
              {" "}
              · submitted <Utc at={postmortem.submittedAt} />
            </>
          )}
          {postmortem.reviewer && postmortem.approvedAt && (
            <>
              {" "}
              · approved by {personName(postmortem.reviewer)} <Utc at={postmortem.approvedAt} />
            </>
          )}
        </span>
      </p>
      {postmortem.hasUnpublishedChanges && (
        <p className="text-sm">
          Changed since it was last published: readers still see the published version until it is approved and
          published again.
        </p>
      )}
      <div className="flex flex-wrap items-start gap-3">
        {p.submit && (
          <InlineForm
            action={submitForReviewAction}
            fields={fields}
            label="Submit for review"
            tone="primary"
            pendingLabel="Submitting…"
            showSuccess
          />
        )}
        {reviewer &&
          postmortem.state === "in_review" &&
          (p.approve ? (
            <InlineForm
              action={approvePostmortemAction}
              fields={fields}
              label="Approve"
              tone="primary"
              pendingLabel="Approving…"
              showSuccess
            />
          ) : (
            <div className="space-y-1">
              <button
                type="button"
                disabled
                aria-describedby="approve-blocked"
                className="cursor-not-allowed rounded bg-slate-300 px-4 py-2 text-sm font-semibold text-slate-700 dark:bg-slate-700 dark:text-slate-300"
              >
                Approve
              </button>
              <p id="approve-blocked" className="max-w-md text-sm" data-testid="approve-blocked">
                {p.approveBlockedReason ?? "You cannot approve this postmortem."}
              </p>
            </div>
          ))}
        {p.publish && (
          <InlineForm
            action={publishPostmortemAction}
            fields={fields}
            label={postmortem.publishCount > 0 ? "Publish again" : "Publish"}
            tone="primary"
            pendingLabel="Publishing…"
            showSuccess
          >
            {postmortem.publishCount > 0 ? (
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="notifySubscribers" className="h-5 w-5" />
                Email subscribers again
              </label>
            ) : (
              <p className="text-sm">
                Readers see it on the incident&apos;s page; subscribers whose scope covers the incident get one email.
              </p>
            )}
          </InlineForm>
        )}
      </div>
      {postmortem.notRequired ? (
        <div
          className="space-y-2 rounded border-l-4 border-slate-500 bg-slate-50 px-3 py-2 text-sm dark:bg-slate-900"
          data-testid="not-required"
        >
          <p>
            Marked not required: <span className="font-medium">{postmortem.notRequiredReason}</span>
          </p>
          {p.write && (
            <InlineForm
              action={undoNotRequiredAction}
              fields={{ incidentId: postmortem.incidentId }}
              label="Expect a postmortem after all"
            />
          )}
        </div>
      ) : (
        p.markNotRequired && <NotRequiredForm incidentId={postmortem.incidentId} />
      )}
    </section>
  );
}

export function NotRequiredForm({ incidentId }: { incidentId: string }) {
  return (
    <details className="text-sm">
      <summary className="cursor-pointer underline">Mark not required (P3/P4 only)…</summary>
      <InlineForm
        action={markNotRequiredAction}
        fields={{ incidentId }}
        label="Mark not required"
        ariaLabel="Mark the postmortem not required"
      >
        <label htmlFor="not-required-reason" className="block font-medium">
          Why is no postmortem needed?
        </label>
        <input id="not-required-reason" name="reason" type="text" className={INPUT_CLASS} />
      </InlineForm>
    </details>
  );
}
