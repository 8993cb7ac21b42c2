// The agent's write-ahead buffer on disk. Every result is appended before it
// is sent, and acknowledged only after the server stored it, so neither a
// kill -9 of the agent nor an unreachable server loses a result; a result
// sent but not yet acknowledged is sent again, and the server drops the copy.
import fs from "node:fs";
import path from "node:path";

/** A new segment file starts after this many records. */
export const SEGMENT_RECORDS = 2_000;

interface Cursor {
  segment: string;
  /** Byte offset of the first unacknowledged record in that segment. */
  offset: number;
}

export interface BufferBatch<T> {
  records: T[];
  end: Cursor;
}

export class DiskBuffer<T> {
  private active: string;
  private activeCount = 0;

  constructor(private readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
    const segments = this.segments();
    this.active = segments.at(-1) ?? this.newSegmentName(0);
    if (segments.length > 0) {
      this.dropTornTail(this.active);
      this.activeCount = this.countLines(this.active);
    }
  }

  /** A line cut short by a crash (no newline yet) is dropped rather than glued to the next one. */
  private dropTornTail(segment: string): void {
    const file = path.join(this.dir, segment);
    const content = fs.readFileSync(file);
    const end = content.lastIndexOf(0x0a) + 1;
    if (end < content.length) fs.truncateSync(file, end);
  }

  private segments(): string[] {
    return fs
      .readdirSync(this.dir)
      .filter((f) => /^segment-\d{12}\.jsonl$/.test(f))
      .sort();
  }

  private newSegmentName(sequence: number): string {
    return `segment-${String(sequence).padStart(12, "0")}.jsonl`;
  }

  private countLines(segment: string): number {
    const file = path.join(this.dir, segment);
    if (!fs.existsSync(file)) return 0;
    return fs.readFileSync(file, "utf8").split("\n").length - 1;
  }

  private readCursor(): Cursor | null {
    try {
      return JSON.parse(fs.readFileSync(path.join(this.dir, "ack.json"), "utf8")) as Cursor;
    } catch {
      return null;
    }
  }

  append(record: T): void {
    if (this.activeCount >= SEGMENT_RECORDS) {
      const sequence = Number(this.active.match(/\d+/)![0]) + 1;
      this.active = this.newSegmentName(sequence);
      this.activeCount = 0;
    }
    // One write of a whole line: a kill cannot leave half a record behind.
    const file = path.join(this.dir, this.active);
    try {
      fs.appendFileSync(file, `${JSON.stringify(record)}\n`);
    } catch (error) {
      // A full disk (ENOSPC) or file-size limit (EFBIG) may leave part of a line: never append after it.
      if (fs.existsSync(file) && fs.statSync(file).size > 0) {
        this.active = this.newSegmentName(Number(this.active.match(/\d+/)![0]) + 1);
        this.activeCount = 0;
      }
      throw error;
    }
    this.activeCount += 1;
  }

  /** The oldest unacknowledged records, in the order they were taken. */
  read(max: number): BufferBatch<T> | null {
    const cursor = this.readCursor();
    for (const segment of this.segments()) {
      if (cursor && segment < cursor.segment) continue;
      const start = cursor && segment === cursor.segment ? cursor.offset : 0;
      const file = path.join(this.dir, segment);
      const size = fs.statSync(file).size;
      if (start >= size) continue;
      const fd = fs.openSync(file, "r");
      try {
        const chunk = Buffer.alloc(Math.min(size - start, 4 * 1024 * 1024));
        fs.readSync(fd, chunk, 0, chunk.length, start);
        const records: T[] = [];
        let offset = start;
        let lineStart = 0;
        for (let i = 0; i < chunk.length && records.length < max; i++) {
          if (chunk[i] !== 0x0a) continue;
          records.push(JSON.parse(chunk.subarray(lineStart, i).toString("utf8")) as T);
          offset = start + i + 1;
          lineStart = i + 1;
        }
        if (records.length > 0) return { records, end: { segment, offset } };
      } finally {
        fs.closeSync(fd);
      }
    }
    return null;
  }

  /** Marks everything up to `end` as stored by the server; drops finished segments. */
  ack(end: Cursor): void {
    const file = path.join(this.dir, "ack.json");
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(end));
    fs.renameSync(`${file}.tmp`, file);
    for (const segment of this.segments()) {
      if (segment < end.segment && segment !== this.active) fs.rmSync(path.join(this.dir, segment), { force: true });
    }
  }

  /** Records taken but not yet acknowledged. */
  pending(): number {
    const cursor = this.readCursor();
    let count = 0;
    for (const segment of this.segments()) {
      if (cursor && segment < cursor.segment) continue;
      const text = fs.readFileSync(path.join(this.dir, segment), "utf8");
      const skip = cursor && segment === cursor.segment ? cursor.offset : 0;
      count += Buffer.from(text).subarray(skip).toString("utf8").split("\n").length - 1;
    }
    return count;
  }
}
