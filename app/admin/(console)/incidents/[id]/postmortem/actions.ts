"use server";
// The postmortem editor's actions. Each asks requireActor for the permission
// first (a viewer's or account manager's POST gets 403 and changes nothing),
// then one library verb, which checks again and audits the change.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { db } from "@/lib/db.ts";
import { POSTMORTEM_SECTION_KEYS } from "@/lib/domain/postmortem-sections.ts";
import { toAppError } from "@/lib/errors.ts";
import { renderMarkdown } from "@/lib/markdown/render.ts";
import { addTimelineEntry } from "@/lib/postmortems/add-timeline-entry.ts";
import { approvePostmortem } from "@/lib/postmortems/approve-postmortem.ts";
import { createActionItem } from "@/lib/postmortems/create-action-item.ts";
import { createPostmortem } from "@/lib/postmortems/create-postmortem.ts";
import { editTimelineEntry } from "@/lib/postmortems/edit-timeline-entry.ts";
import { markNotRequired } from "@/lib/postmortems/mark-not-required.ts";
import { publishPostmortem } from "@/lib/postmortems/publish-postmortem.ts";
import { removeTimelineEntry } from "@/lib/postmortems/remove-timeline-entry.ts";
import { savePostmortem } from "@/lib/postmortems/save-postmortem.ts";
import { setTimelineEntryFlags } from "@/lib/postmortems/set-timeline-entry-flags.ts";
import { submitForReview } from "@/lib/postmortems/submit-for-review.ts";
import { transitionActionItem } from "@/lib/postmortems/transition-action-item.ts";
import { undoNotRequired } from "@/lib/postmortems/undo-not-required.ts";
import type { Permission } from "@/lib/domain/roles.ts";
import { requireActor } from "@/lib/session/guards.ts";
import { errorState } from "../../../../_lib/form-errors.ts";
import { type FormState, type FormValues, formValues, success, untrusted } from "../../../../_lib/form-state.ts";
import { type SectionsFormState, utcFromInput } from "./form-state.ts";

function version(values: FormValues): number | undefined {
  return typeof values.expectedVersion === "string" && values.expectedVersion !== ""
    ? Number(values.expectedVersion)
    : undefined;
}

function refresh(incidentId: unknown) {
  for (const path of ["/admin", "/admin/incidents", "/admin/postmortems", "/admin/action-items"]) revalidatePath(path);
  if (typeof incidentId === "string") {
    revalidatePath(`/admin/incidents/${incidentId}`);
    revalidatePath(`/admin/incidents/${incidentId}/postmortem`);
  }
}

/** One library call behind a permission, answered as a form state; the page is re-read either way. */
async function run(
  permission: Permission,
  previous: FormState,
  formData: FormData,
  call: (values: FormValues, actor: Awaited<ReturnType<typeof requireActor>>) => Promise<string>,
): Promise<FormState> {
  const actor = await requireActor(permission);
  const values = formValues(formData);
  try {
    const message = await call(values, actor);
    refresh(values.incidentId);
    return success(previous, message);
  } catch (error) {
    refresh(values.incidentId);
    return errorState(previous, error, values);
  }
}

// POST – start the postmortem, pre-filled from the record (never on GET)
export async function startPostmortemAction(previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor("postmortem.write");
  const values = formValues(formData);
  try {
    await createPostmortem(db(), actor, untrusted({ incidentId: values.incidentId }));
  } catch (error) {
    // Someone else started it a moment ago: open theirs.
    if (toAppError(error).code !== "CONFLICT") return errorState(previous, error, values);
  }
  refresh(values.incidentId);
  redirect(`/admin/incidents/${encodeURIComponent(String(values.incidentId))}/postmortem`);
}

export async function saveSectionsAction(previous: SectionsFormState, formData: FormData): Promise<SectionsFormState> {
  const actor = await requireActor("postmortem.write");
  const values = formValues(formData);
  const sections = Object.fromEntries(
    POSTMORTEM_SECTION_KEYS.flatMap((key) => (typeof values[key] === "string" ? [[key, values[key]]] : [])),
  );
  if (values.intent === "preview") {
    const previews = Object.fromEntries(
      Object.entries(sections).map(([key, text]) => [
        key,
        renderMarkdown(String(text).slice(0, 60_000), { headingLevel: 4 }),
      ]),
    );
    return { status: "idle", values, previews, seq: previous.seq + 1 };
  }
  try {
    await savePostmortem(
      db(),
      actor,
      untrusted({ postmortemId: values.postmortemId, expectedVersion: version(values), ...sections }),
    );
    refresh(values.incidentId);
    return success(previous, "Saved.");
  } catch (error) {
    refresh(values.incidentId);
    return errorState(previous, error, values);
  }
}

export async function addTimelineEntryAction(previous: FormState, formData: FormData): Promise<FormState> {
  return run("postmortem.write", previous, formData, async (values, actor) => {
    await addTimelineEntry(
      db(),
      actor,
      untrusted({ postmortemId: values.postmortemId, at: utcFromInput(values.at), text: values.text }),
    );
    return "Entry added.";
  });
}

export async function editTimelineEntryAction(previous: FormState, formData: FormData): Promise<FormState> {
  return run("postmortem.write", previous, formData, async (values, actor) => {
    await editTimelineEntry(
      db(),
      actor,
      untrusted({ entryId: values.entryId, at: utcFromInput(values.at), text: values.text }),
    );
    return "Entry changed.";
  });
}

export async function removeTimelineEntryAction(previous: FormState, formData: FormData): Promise<FormState> {
  return run("postmortem.write", previous, formData, async (values, actor) => {
    await removeTimelineEntry(db(), actor, untrusted({ entryId: values.entryId }));
    return "Entry removed.";
  });
}

export async function timelineFlagsAction(previous: FormState, formData: FormData): Promise<FormState> {
  return run("postmortem.write", previous, formData, async (values, actor) => {
    const flag = (name: string) => (values[name] === "true" ? true : values[name] === "false" ? false : undefined);
    await setTimelineEntryFlags(
      db(),
      actor,
      untrusted({ entryId: values.entryId, starred: flag("starred"), hidden: flag("hidden") }),
    );
    return "Entry changed.";
  });
}

export async function createActionItemAction(previous: FormState, formData: FormData): Promise<FormState> {
  return run("postmortem.write", previous, formData, async (values, actor) => {
    await createActionItem(
      db(),
      actor,
      untrusted({
        postmortemId: values.postmortemId,
        title: values.title,
        description: values.description ?? "",
        ownerId: values.ownerId,
        dueDate: values.dueDate,
        priority: values.priority,
        type: values.type,
        trackerUrl: values.trackerUrl,
        isPublic: values.isPublic === "on",
      }),
    );
    return "Action item added.";
  });
}

export async function transitionActionItemAction(previous: FormState, formData: FormData): Promise<FormState> {
  return run("postmortem.write", previous, formData, async (values, actor) => {
    await transitionActionItem(
      db(),
      actor,
      untrusted({ actionItemId: values.actionItemId, to: values.to, reason: values.reason }),
    );
    return "Action item changed.";
  });
}

export async function submitForReviewAction(previous: FormState, formData: FormData): Promise<FormState> {
  return run("postmortem.write", previous, formData, async (values, actor) => {
    await submitForReview(
      db(),
      actor,
      untrusted({ postmortemId: values.postmortemId, expectedVersion: version(values) }),
    );
    return "Submitted for review: another engineer approves it.";
  });
}

export async function approvePostmortemAction(previous: FormState, formData: FormData): Promise<FormState> {
  return run("postmortem.review", previous, formData, async (values, actor) => {
    await approvePostmortem(
      db(),
      actor,
      untrusted({ postmortemId: values.postmortemId, expectedVersion: version(values) }),
    );
    return "Approved: it can be published now.";
  });
}

export async function publishPostmortemAction(previous: FormState, formData: FormData): Promise<FormState> {
  return run("postmortem.publish", previous, formData, async (values, actor) => {
    await publishPostmortem(
      db(),
      actor,
      untrusted({
        postmortemId: values.postmortemId,
        expectedVersion: version(values),
        notifySubscribers: values.notifySubscribers === "on",
      }),
    );
    return "Published: readers see this version on the incident's page.";
  });
}

export async function markNotRequiredAction(previous: FormState, formData: FormData): Promise<FormState> {
  return run("postmortem.write", previous, formData, async (values, actor) => {
    await markNotRequired(db(), actor, untrusted({ incidentId: values.incidentId, reason: values.reason }));
    return "Marked not required.";
  });
}

export async function undoNotRequiredAction(previous: FormState, formData: FormData): Promise<FormState> {
  return run("postmortem.write", previous, formData, async (values, actor) => {
    await undoNotRequired(db(), actor, untrusted({ incidentId: values.incidentId }));
    return "A postmortem is expected again.";
  });
}
