// The person behind a session cookie: a live session of an enabled user.
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";

export interface SessionActor extends Actor {
  name: string | null;
}

export async function actorForSessionToken(
  db: Db,
  sessionToken: string | undefined,
  now = new Date(),
): Promise<SessionActor | null> {
  if (!sessionToken) return null;
  const session = await db.session.findUnique({
    where: { sessionToken },
    select: { expires: true, user: { select: { id: true, email: true, name: true, role: true, disabledAt: true } } },
  });
  if (!session || session.expires <= now || session.user.disabledAt) return null;
  const { id, email, name, role } = session.user;
  return { id, email, name, role };
}

export async function endSession(db: Db, sessionToken: string): Promise<void> {
  await db.session.deleteMany({ where: { sessionToken } });
}
