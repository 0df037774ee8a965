import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStoredVersion } from "../../src/corpus/open.ts";
import { testCaller, testResponder } from "../support/responder.ts";
import {
  curateLaterReport,
  LATER_REPORT,
  launchChromium,
  publishAsEditor,
  seriousViolations,
  startDesk,
} from "./browser.ts";

// The one browser flow: Debian's chromium through playwright-core, against a desk on loopback.
describe("desk in a browser", () => {
  let browser: Browser;
  let desk: Awaited<ReturnType<typeof startDesk>>;
  beforeAll(async () => {
    [browser, desk] = await Promise.all([launchChromium(), startDesk()]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
  });

  it("a curator brings in a later report, an editor publishes, and the bot answers with the revision", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    // Along the flow: sign-in, article, suggestions, record edit and review pages, by axe-core.
    const violations: string[] = [];
    const checked: string[] = [];
    const axe = async (name: string) => {
      checked.push(name);
      violations.push(...(await seriousViolations(page)).map((v) => `${name}: ${v}`));
    };
    await curateLaterReport(page, desk.url, axe);
    await publishAsEditor(page, desk.url, axe);
    await context.close();
    expect(checked).toEqual(
      expect.arrayContaining([
        "desk-sign-in",
        "desk-article",
        "desk-suggestions",
        "desk-record",
        "desk-review",
      ]),
    );
    expect(violations).toEqual([]);

    // The bot's responder, built on the same store, answers from the version just published.
    const current = await desk.corpus.current();
    if (!current.ok || !current.value) throw new Error("nothing published");
    expect(current.value.seq).toBe(2);
    const opened = openStoredVersion(current.value);
    if (!opened.ok) throw new Error(opened.error.message);
    const { reply } = await testResponder(opened.value.snapshot).answer({
      caller: testCaller(),
      input: { text: "figure crocus death toll" },
    });
    const text = JSON.stringify(reply);
    expect(text).toContain("145");
    expect(text).toContain(LATER_REPORT.outlet);
    const figure = (
      reply.answer as {
        figures: { verdict: string; values: { outlet: string; text: string; cite: number }[] }[];
      }
    ).figures[0];
    expect(figure?.verdict).toBe("revision");
    const value = figure?.values.find((v) => v.outlet === LATER_REPORT.outlet);
    expect(value?.text).toContain("145");
    const citation = (
      reply as unknown as { citations: { id: number; quote: string }[] }
    ).citations.find((c) => c.id === value?.cite);
    expect(citation?.quote).toBe("rose to 145 people");
  }, 120_000);
});
