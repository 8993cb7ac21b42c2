// A person's own tokens, newest first; never the token itself.
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { API_TOKEN_VIEW_SELECT, type ApiTokenView } from "./token.ts";

export async function listApiTokens(db: Db, actor: Actor): Promise<ApiTokenView[]> {
  return db.apiToken.findMany({
    where: { userId: actor.id },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: API_TOKEN_VIEW_SELECT,
  });
}
