"use client";
import Link from "next/link";
import { useActionState } from "react";
import { unsubscribeAction } from "../actions.ts";
import { IDLE } from "../form-state.ts";
import { buttonClass, Notice } from "../scope-fields.tsx";

export function UnsubscribeForm({
  token,
  email,
  unsubscribed,
}: {
  token: string;
  email: string;
  unsubscribed: boolean;
}) {
  const [state, action, pending] = useActionState(unsubscribeAction, IDLE);
  if (state.status === "done") return <Notice state={state} />;
  if (unsubscribed) {
    return (
      <p role="status">
        <strong>{email}</strong> is unsubscribed and gets no status emails.{" "}
        <Link href="/subscribe" className="font-semibold underline">
          Subscribe again
        </Link>
      </p>
    );
  }
  return (
    <form action={action} className="space-y-4">
      <Notice state={state} />
      <p>
        Stop every status email to <strong>{email}</strong>?
      </p>
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="purpose" value="unsubscribe" />
      <button type="submit" className={buttonClass} disabled={pending}>
        Unsubscribe
      </button>
    </form>
  );
}
