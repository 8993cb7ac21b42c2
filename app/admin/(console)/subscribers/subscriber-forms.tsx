"use client";
// Remove or unsuppress one subscriber (admins only; the page shows these forms to no one else).
import { useActionState } from "react";
import { FormMessage, SubmitButton } from "../../_components/form-parts.tsx";
import { IDLE } from "../../_lib/form-state.ts";
import { removeSubscriberAction, unsuppressSubscriberAction } from "./actions.ts";

export function SubscriberActions({
  subscriberId,
  address,
  suppressed,
}: {
  subscriberId: string;
  address: string;
  suppressed: boolean;
}) {
  const [removed, remove] = useActionState(removeSubscriberAction, IDLE);
  const [lifted, lift] = useActionState(unsuppressSubscriberAction, IDLE);
  return (
    <div className="flex flex-wrap items-start gap-2">
      {suppressed && (
        <form action={lift}>
          <input type="hidden" name="subscriberId" value={subscriberId} />
          <SubmitButton tone="secondary">
            Unsuppress<span className="sr-only"> {address}</span>
          </SubmitButton>
        </form>
      )}
      <form action={remove} className="space-y-1">
        <input type="hidden" name="subscriberId" value={subscriberId} />
        <SubmitButton tone="danger">
          Remove<span className="sr-only"> {address}</span>
        </SubmitButton>
        <FormMessage state={removed} />
      </form>
      {/* Outside the form: once lifted, the button goes and the answer stays. */}
      <div className="basis-full">
        <FormMessage state={lifted} />
      </div>
    </div>
  );
}
