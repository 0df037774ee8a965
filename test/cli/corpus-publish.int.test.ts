import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BUNDLED_DATA_DIR, readCorpusFiles } from "../../src/corpus/files.ts";
import { directoryCorpusStore } from "../../src/store/directory-store.ts";
import { prepareDraft } from "../../src/store/draft.ts";
import { reworded } from "../support/drafts.ts";

const cli = (name: string) => new URL(`../../src/cli/${name}.ts`, import.meta.url).pathname;

function run(script: string, args: string[], store: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", cli(script), ...args],
      { env: { PATH: process.env.PATH ?? "", CORPUS_STORE: store } },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const SPAWNS = 120_000;

describe.concurrent("corpus:publish, export and revert", () => {
  const temps: string[] = [];
  const temp = async () => {
    const dir = await mkdtemp(join(tmpdir(), "factdesk-publish-"));
    temps.push(dir);
    return dir;
  };
  afterAll(async () => {
    for (const dir of temps) await rm(dir, { recursive: true, force: true });
  });

  it(
    "refuses a corpus with an altered quote exactly as corpus:check does, publishing nothing",
    async () => {
      const dir = await temp();
      const edit = join(dir, "edit");
      await cp(BUNDLED_DATA_DIR, edit, { recursive: true });
      const figures = join(edit, "figures.json");
      await writeFile(
        figures,
        (await readFile(figures, "utf8")).replace("of 137 people", "of 731 people"),
      );
      const store = join(dir, "store");
      const [published, checked] = await Promise.all([
        run("corpus-publish", [edit, "--note", "altered"], store),
        run("corpus-check", [edit], store),
      ]);
      expect(published.code).toBe(1);
      expect(published.stderr).toContain("[corpus.quote_not_found]");
      expect(published.stderr).toBe(checked.stderr);
      expect(published.stdout).toBe("");
      expect(await directoryCorpusStore(store).current()).toEqual({ ok: true, value: null });
    },
    SPAWNS,
  );

  it(
    "refuses an export published after someone else published, unless --force; reverts as a new seq",
    async () => {
      const dir = await temp();
      const store = join(dir, "store");
      const first = await run(
        "corpus-publish",
        [BUNDLED_DATA_DIR, "--note", "first", "--by", "ana"],
        store,
      );
      expect(first).toMatchObject({
        code: 0,
        stdout: expect.stringMatching(/^published corpus v1 · .* by ana/),
      });

      const edit = join(dir, "edit");
      expect((await run("corpus-export", ["1", edit], store)).code).toBe(0);
      const attacks = join(edit, "attacks.json");
      const edited = JSON.parse(await readFile(attacks, "utf8"));
      edited[0].summary = "Edited from the export.";
      await writeFile(attacks, JSON.stringify(edited, null, 2));

      // Meanwhile someone publishes another change.
      const other = prepareDraft(reworded(await readCorpusFiles()));
      if (!other.ok) throw new Error("the reworded corpus should check out");
      const handle = directoryCorpusStore(store);
      expect(
        await handle.publish(other.value.draft, { parent: 1, by: "ben", note: "other" }),
      ).toMatchObject({ ok: true });

      const stale = await run("corpus-publish", [edit, "--note", "mine"], store);
      expect(stale.code).toBe(1);
      expect(stale.stderr).toContain(
        "edited from version 1, but version 2 has been published since",
      );
      const forced = await run("corpus-publish", [edit, "--note", "mine", "--force"], store);
      expect(forced).toMatchObject({
        code: 0,
        stdout: expect.stringContaining("published corpus v3"),
      });

      const reverted = await run("corpus-revert", ["1", "--note", "back"], store);
      expect(reverted).toMatchObject({
        code: 0,
        stdout: expect.stringContaining("published corpus v4"),
      });
      const log = await handle.log();
      if (!log.ok) throw new Error(log.error.message);
      expect(log.value.map((v) => [v.seq, v.parent, v.note])).toEqual([
        [1, null, "first"],
        [2, 1, "other"],
        [3, 2, "mine"],
        [4, 3, "back"],
      ]);
      expect(log.value[3]?.hash).toBe(log.value[0]?.hash);

      const again = await run("corpus-publish", [BUNDLED_DATA_DIR, "--note", "same"], store);
      expect(again).toMatchObject({ code: 0, stdout: expect.stringMatching(/^unchanged: .* v4 /) });
    },
    SPAWNS,
  );
});
