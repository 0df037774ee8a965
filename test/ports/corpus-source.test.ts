import { describe, expect, it } from "vitest";
import { validateCorpus } from "../../src/core/corpus/validate.ts";
import { directorySource, readCorpusFiles } from "../../src/corpus/files.ts";
import { type CorpusSource, memoryCorpusSource } from "../../src/ports/corpus-source.ts";

/** What every corpus source does: hand over the files, unchecked, afresh on every read. */
function corpusSourceContract(name: string, make: () => Promise<CorpusSource>): void {
  describe(`corpus source contract: ${name}`, () => {
    it("reads files that check out as the bundled corpus", async () => {
      const checked = validateCorpus(await (await make()).read());
      if (!checked.ok) throw new Error(checked.error[0]?.message);
      const bundled = validateCorpus(await readCorpusFiles());
      expect(bundled.ok && checked.value.corpus.version).toBe(
        bundled.ok && bundled.value.corpus.version,
      );
    });

    it("hands out a fresh copy each time, so a caller's change never leaks into the source", async () => {
      const source = await make();
      const first = await source.read();
      first.json["actors.json"] = "[]";
      expect((await source.read()).json["actors.json"]).not.toBe("[]");
    });
  });
}

corpusSourceContract("directory", async () => directorySource());
corpusSourceContract("memory", async () => memoryCorpusSource(await readCorpusFiles()));
