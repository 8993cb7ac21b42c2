// For route handlers that scripts may call too: a personal API token in the
// Authorization header, else the console session cookie. Either way the
// person's role decides (lib/domain/roles.ts).
import { type Db, db } from "../db.ts";
import { type Actor, can, type Permission } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { requireApiActor } from "../session/guards.ts";
import { authenticateApiToken } from "./authenticate-api-token.ts";

export async function requireSessionOrToken(
  request: Request,
  permission: Permission,
  client: Db = db(),
  now = new Date(),
): Promise<Actor> {
  const authorization = request.headers.get("authorization");
  if (!authorization) return requireApiActor(request, permission, client);
  const actor = await authenticateApiToken(client, authorization, now);
  if (!can(actor.role, permission)) throw new AppError("FORBIDDEN", "Your role does not allow this.");
  return actor;
}
