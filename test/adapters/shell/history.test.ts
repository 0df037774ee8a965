import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { historyFile, readHistory, writeHistory } from "../../../src/adapters/shell/history.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "factdesk-history-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("where history is kept", () => {
  it("is FACTDESK_HISTORY when set, none when it says off", () => {
    expect(historyFile({ FACTDESK_HISTORY: "/tmp/h" }, "/home/me")).toBe("/tmp/h");
    expect(historyFile({ FACTDESK_HISTORY: "off" }, "/home/me")).toBeNull();
  });

  it("is under the XDG state directory otherwise", () => {
    expect(historyFile({ XDG_STATE_HOME: "/state" }, "/home/me")).toBe("/state/factdesk/history");
    expect(historyFile({ FACTDESK_HISTORY: " ", XDG_STATE_HOME: "" }, "/home/me")).toBe(
      "/home/me/.local/state/factdesk/history",
    );
  });
});

describe("history on disk", () => {
  it("is written oldest first, readable by its owner alone, and read back newest first", async () => {
    const file = join(dir, "new", "history");
    await writeHistory(file, ["sources", "actor iskp"]);
    expect(await readFile(file, "utf8")).toBe("actor iskp\nsources\n");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readHistory(file)).toEqual(["sources", "actor iskp"]);
  });

  it("keeps only the newest lines, writing and reading", async () => {
    const file = join(dir, "bounded");
    await writeHistory(file, ["c", "b", "a"], 2);
    expect(await readFile(file, "utf8")).toBe("b\nc\n");
    await writeFile(file, "1\n2\n\n3\n4\n");
    expect(await readHistory(file, 3)).toEqual(["4", "3", "2"]);
  });

  it("is empty when there is no file yet", async () => {
    expect(await readHistory(join(dir, "missing"))).toEqual([]);
  });
});
