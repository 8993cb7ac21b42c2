// A read that may have nothing to show: a month outside a contract's term is
// a 400 from the library, which a page shows as "—", not as an error page.
import { toAppError } from "@/lib/errors.ts";

export async function unlessOutOfRange<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (toAppError(error).code === "BAD_REQUEST") return null;
    throw error;
  }
}
