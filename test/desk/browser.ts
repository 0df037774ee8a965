import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { type Browser, chromium, type Page } from "playwright-core";
import { BUNDLED_DATA_DIR } from "../../src/corpus/files.ts";
import { hashPassword } from "../../src/desk/passwords.ts";
import { buildDesk } from "../../src/desk/server.ts";
import { openCurrentVersion } from "../../src/store/current.ts";
import { directoryDeskStore } from "../../src/store/desk-directory.ts";
import { directoryCorpusStore } from "../../src/store/directory-store.ts";

export const PASSWORD = "correct horse battery";

/** Debian's chromium, where `command -v chromium` finds it (.ci/run installs it when missing). */
export function chromiumPath(): string {
  return execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim();
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
}

/**
 * A desk listening on loopback over a directory store seeded with the bundled corpus, with a
 * curator (ana) and an editor (ed).
 */
export async function startDesk() {
  const dir = await mkdtemp(join(tmpdir(), "factdesk-desk-browser-"));
  const corpus = directoryCorpusStore(join(dir, "store"));
  const seeded = await openCurrentVersion(corpus, BUNDLED_DATA_DIR);
  if (!seeded.ok) throw new Error(seeded.error);
  const desk = directoryDeskStore(join(dir, "store"));
  const hash = await hashPassword(PASSWORD);
  const createdAt = new Date().toISOString();
  await desk.putAccount({ name: "ana", role: "curator", hash, createdAt });
  await desk.putAccount({ name: "ed", role: "editor", hash, createdAt });
  const app = await buildDesk({ corpus, desk, logger: pino({ level: "silent" }), sessionHours: 1 });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    corpus,
    async stop() {
      await app.close();
      await corpus.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core"), "utf8");

/**
 * The page's accessibility violations of serious or critical impact, by axe-core. Evaluated
 * through the browser's DevTools protocol, which the desk's self-only CSP does not govern.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<AxeResults> } }).axe;
    const { violations } = await axe.run();
    return violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
      );
  });
}
interface AxeResults {
  violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
}

/** A named point of the flow where a caller may look at the page: screenshots, axe. */
export type Checkpoint = (name: string) => Promise<void>;

export async function signIn(page: Page, base: string, name: string, at?: Checkpoint) {
  await page.goto(`${base}/`);
  await page.getByLabel("Account", { exact: true }).waitFor();
  await at?.("desk-sign-in");
  await page.getByLabel("Account", { exact: true }).fill(name);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Drafts" }).waitFor();
}

/** A later wire report that the Crocus toll rose: its own outlet and date, written for the test. */
export const LATER_REPORT = {
  title: "Crocus City Hall death toll rises to 145",
  outlet: "Northline Wire",
  date: "2024-04-02",
  text:
    "MOSCOW (Northline Wire) - The death toll from the Crocus City Hall attack rose to 145 people, the regional health ministry said on Tuesday.\n" +
    "Listen to article\n" +
    "Dozens of people remain in hospital, officials said.\n",
};

/** Selects `words` inside the element, as a curator does with the mouse. */
function selectWords(page: Page, selector: string, words: string) {
  return page.evaluate(
    `(() => {
      const node = document.querySelector(${JSON.stringify(selector)}).firstChild;
      const at = node.textContent.indexOf(${JSON.stringify(words)});
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + ${words.length});
      getSelection().removeAllRanges();
      getSelection().addRange(range);
    })()`,
  );
}

/** Curator ana brings in the later report and accepts its toll into the Crocus figure. */
export async function curateLaterReport(page: Page, base: string, shot?: Checkpoint) {
  await signIn(page, base, "ana", shot);
  await page.getByLabel("Name", { exact: true }).fill("Crocus toll update");
  await page.getByRole("button", { name: "Start from the published version" }).click();
  await page.getByRole("link", { name: "Bring in an article" }).click();
  await page.getByLabel("Title", { exact: true }).fill(LATER_REPORT.title);
  await page.getByLabel("Outlet", { exact: true }).fill(LATER_REPORT.outlet);
  await page
    .getByLabel("Published (YYYY-MM-DD, YYYY-MM or YYYY)", { exact: true })
    .fill(LATER_REPORT.date);
  await page
    .getByLabel("Article text (paste, or choose a file)", { exact: true })
    .fill(LATER_REPORT.text);
  await page.getByRole("button", { name: "Suggest residue and show the cleaned text" }).click();
  await page.getByRole("heading", { name: "Cleaned text" }).waitFor();
  await shot?.("desk-article");
  await page.getByRole("button", { name: "Save the article" }).click();
  const toll = page.locator("li.suggestion", { hasText: "crocus-killed" }).first();
  await toll.waitFor();
  await shot?.("desk-suggestions");
  // The curator widens the quote by selecting more of the sentence in the text.
  await selectWords(page, "#article-text", "rose to 145 people");
  await toll.getByRole("button", { name: "Use selected words" }).click();
  await toll.getByRole("button", { name: "Accept" }).click();
  await page.getByText("Accepted into figures/crocus-killed").waitFor();
  await checkAsYouType(page, shot);
  await page.getByRole("button", { name: "Sign out" }).click();
}

/**
 * On the Crocus figure's fields, a quote typed that is not in its article is marked next to its
 * field as you type, and the mark goes when the quote is right again. Nothing is saved.
 */
async function checkAsYouType(page: Page, shot?: Checkpoint) {
  await page.getByRole("link", { name: "Back to the draft" }).click();
  await page.locator('a[href$="/records/figures/crocus-killed"]').click();
  const quote = page.locator("textarea").filter({ hasText: "rose to 145 people" });
  const id = await quote.getAttribute("id");
  const message = page.locator(`#${id}-error`);
  await quote.fill("rose to 146 people");
  await message.getByText("does not occur verbatim").waitFor();
  if ((await quote.getAttribute("aria-invalid")) !== "true") throw new Error("quote not marked");
  await shot?.("desk-record");
  await quote.fill("rose to 145 people");
  await message.getByText("does not occur verbatim").waitFor({ state: "detached" });
}

/** Editor ed reviews the draft and publishes it. */
export async function publishAsEditor(page: Page, base: string, shot?: Checkpoint) {
  await signIn(page, base, "ed");
  await page.getByRole("link", { name: "Crocus toll update" }).click();
  await page.getByRole("link", { name: "Review and publish" }).click();
  await page.getByText("Every corpus check passes").waitFor();
  await page
    .getByLabel("Publish note", { exact: true })
    .fill("Crocus toll: Northline Wire reports 145");
  await shot?.("desk-review");
  await page.getByRole("button", { name: "Publish" }).click();
  await page.getByText("Published version 2").waitFor();
}
