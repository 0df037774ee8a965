import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  PARENT_RECORD,
  readParentRecord,
  writeParentRecord,
} from "../../src/store/parent-record.ts";

const temps: string[] = [];
afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});
const temp = async () => {
  const dir = await mkdtemp(join(tmpdir(), "factdesk-parent-"));
  temps.push(dir);
  return dir;
};

describe("the parent record corpus:export leaves", () => {
  it("reads back what export wrote, and none in a directory without one", async () => {
    const dir = await temp();
    expect(await readParentRecord(dir)).toEqual({ ok: true, value: null });
    await writeParentRecord(dir, {
      seq: 3,
      hash: "4f03238f8846",
      parent: 2,
      publishedAt: "2026-01-01T00:00:00.000Z",
      by: "ana",
      note: "",
      format: 1,
    });
    expect(await readParentRecord(dir)).toMatchObject({
      ok: true,
      value: { seq: 3, hash: "4f03238f8846" },
    });
  });

  it("refuses a record it cannot read, saying how to publish anyway", async () => {
    for (const text of ["{not json", JSON.stringify({ seq: "three" })]) {
      const dir = await temp();
      await writeFile(join(dir, PARENT_RECORD), text);
      const read = await readParentRecord(dir);
      expect(read).toMatchObject({ ok: false });
      expect(read.ok || read.error).toContain("delete it to publish on top of the current version");
    }
  });
});
