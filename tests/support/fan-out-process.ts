// Test fixture: one event's fan-out in a process of its own, which stops dead
// after a given chunk has committed, so that a test can kill -9 it between chunks.
// Usage: DATABASE_URL=… EVENT_ID=… CHUNK_SIZE=… STOP_AFTER=… node --import tsx tests/support/fan-out-process.ts
import { createDb } from "../../lib/db.ts";
import { fanOutEvent } from "../../lib/notifications/fan-out.ts";

const db = createDb(process.env.DATABASE_URL!, { max: 2 });
await fanOutEvent(db, process.env.EVENT_ID!, {
  chunkSize: Number(process.env.CHUNK_SIZE),
  afterChunk: async (_eventId, chunk) => {
    if (chunk < Number(process.env.STOP_AFTER)) return;
    console.log(`committed chunk ${chunk}`);
    await new Promise(() => {});
  },
});
console.log("finished");
