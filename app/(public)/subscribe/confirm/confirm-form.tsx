"use client";
import Link from "next/link";
import { useActionState } from "react";
import { confirmAction } from "../actions.ts";
import { IDLE } from "../form-state.ts";
import { buttonClass, Notice } from "../scope-fields.tsx";

export function ConfirmForm({
  token,
  email,
  incident,
}: {
  token: string;
  email: string | null;
  /** From a "get updates on this incident" link, while that incident is open. */
  incident: { id: string; title: string } | null;
}) {
  const [state, action, pending] = useActionState(confirmAction, IDLE);
  if (state.status === "done") {
    return (
      <>
        <Notice state={state} />
        {state.manageUrl && (
          <p>
            <a href={state.manageUrl} className="font-semibold underline">
              Manage your subscription
            </a>{" "}
            — every email has this link too.
          </p>
        )}
      </>
    );
  }
  if (email === null) {
    return (
      <>
        <p
          role="alert"
          className="rounded border-l-4 border-amber-600 bg-amber-50 px-4 py-3 text-amber-950 dark:bg-amber-950 dark:text-amber-100"
        >
          This confirmation link has expired or has already been used.
        </p>
        <p>
          <Link href="/subscribe" className="font-semibold underline">
            Subscribe again
          </Link>{" "}
          to get a new link.
        </p>
      </>
    );
  }
  return (
    <form action={action} className="space-y-4">
      <Notice state={state} />
      <p>
        Confirm that <strong>{email}</strong> should get status emails.
      </p>
      {incident && (
        <p>
          You will get the updates on <strong>{incident.title}</strong> until it resolves.
        </p>
      )}
      <input type="hidden" name="token" value={token} />
      {incident && <input type="hidden" name="incident" value={incident.id} />}
      <button type="submit" className={buttonClass} disabled={pending}>
        Confirm subscription
      </button>
    </form>
  );
}
