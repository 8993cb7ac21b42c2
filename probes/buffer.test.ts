import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DiskBuffer, SEGMENT_RECORDS } from "./buffer.ts";

const dirs: string[] = [];
function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bellwether-buffer-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the agent's disk buffer", () => {
  it("hands out records in the order they were taken until they are acknowledged", () => {
    const buffer = new DiskBuffer<{ n: number }>(tempDir());
    for (let n = 0; n < 5; n++) buffer.append({ n });
    const first = buffer.read(3)!;
    expect(first.records.map((r) => r.n)).toEqual([0, 1, 2]);
    expect(buffer.read(3)!.records.map((r) => r.n)).toEqual([0, 1, 2]); // not acknowledged: read again
    buffer.ack(first.end);
    expect(buffer.read(10)!.records.map((r) => r.n)).toEqual([3, 4]);
    expect(buffer.pending()).toBe(2);
  });

  it("survives a restart: what was not acknowledged is still there", () => {
    const dir = tempDir();
    const before = new DiskBuffer<{ n: number }>(dir);
    for (let n = 0; n < 4; n++) before.append({ n });
    before.ack(before.read(1)!.end);
    const after = new DiskBuffer<{ n: number }>(dir);
    after.append({ n: 4 });
    expect(after.read(10)!.records.map((r) => r.n)).toEqual([1, 2, 3, 4]);
  });

  it("drops a record torn by a crash instead of corrupting the next one", () => {
    const dir = tempDir();
    const buffer = new DiskBuffer<{ n: number }>(dir);
    buffer.append({ n: 1 });
    const segment = fs.readdirSync(dir).find((f) => f.startsWith("segment-"))!;
    fs.appendFileSync(path.join(dir, segment), '{"n":');
    const reopened = new DiskBuffer<{ n: number }>(dir);
    reopened.append({ n: 2 });
    expect(reopened.read(10)!.records).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it("rotates segments and removes the ones fully acknowledged", () => {
    const dir = tempDir();
    const buffer = new DiskBuffer<{ n: number }>(dir);
    for (let n = 0; n < SEGMENT_RECORDS + 10; n++) buffer.append({ n });
    expect(fs.readdirSync(dir).filter((f) => f.startsWith("segment-"))).toHaveLength(2);
    let batch = buffer.read(SEGMENT_RECORDS);
    buffer.ack(batch!.end);
    batch = buffer.read(5);
    expect(batch!.records[0]).toEqual({ n: SEGMENT_RECORDS });
    buffer.ack(batch!.end);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith("segment-"))).toHaveLength(1);
    expect(buffer.pending()).toBe(5);
  });

  it("after a failed write (full disk, file-size limit) appends to a new segment, never after a torn line", () => {
    const dir = tempDir();
    const buffer = new DiskBuffer<{ n: number }>(dir);
    buffer.append({ n: 0 });
    // What a write cut short by ENOSPC or EFBIG leaves: part of a line with no newline.
    const segment = fs.readdirSync(dir).find((f) => f.startsWith("segment-"))!;
    const append = fs.appendFileSync;
    fs.appendFileSync = ((file: fs.PathOrFileDescriptor) => {
      fs.writeFileSync(file, '{"n":', { flag: "a" });
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    }) as typeof fs.appendFileSync;
    try {
      expect(() => buffer.append({ n: 1 })).toThrow(/ENOSPC/);
    } finally {
      fs.appendFileSync = append;
    }
    buffer.append({ n: 2 });
    expect(fs.readFileSync(path.join(dir, segment), "utf8")).toBe('{"n":0}\n{"n":');
    const first = buffer.read(10)!;
    expect(first.records.map((r) => r.n)).toEqual([0]);
    buffer.ack(first.end);
    expect(buffer.read(10)!.records.map((r) => r.n)).toEqual([2]);
  });
});
