// The fields of an action item as forms, the API and the seed send them.
import { z } from "zod";
import { ACTION_ITEM_TYPES } from "../domain/postmortem-action-items.ts";
import { PRIORITIES } from "../domain/priority.ts";

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const actionItemFields = {
  title: z.string().trim().min(1, "Give the action item a title.").max(300),
  description: z.string().max(20_000).default(""),
  /** An enabled ENGINEER or ADMIN; checked against the database by the verb. */
  ownerId: z.string().trim().min(1, "Choose who owns it."),
  /** A day; stored as midnight UTC. */
  dueDate: z.preprocess(blankToUndefined, z.coerce.date({ error: "Give a due date." })),
  priority: z.enum(PRIORITIES as ["P1", "P2", "P3", "P4"]).default("P3"),
  type: z.enum(ACTION_ITEM_TYPES).default("prevent"),
  trackerUrl: z.preprocess(
    blankToUndefined,
    z
      .url({ protocol: /^https?$/, error: "Give a tracker link starting with http:// or https://." })
      .max(2_000)
      .nullish(),
  ),
  isPublic: z.boolean().default(false),
};
