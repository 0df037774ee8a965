import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
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

export async function signIn(page: Page, base: string, name: string) {
  await page.goto(`${base}/`);
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
export async function curateLaterReport(
  page: Page,
  base: string,
  shot?: (name: string) => Promise<void>,
) {
  await signIn(page, base, "ana");
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
  await page.getByRole("button", { name: "Sign out" }).click();
}

/** Editor ed reviews the draft and publishes it. */
export async function publishAsEditor(
  page: Page,
  base: string,
  shot?: (name: string) => Promise<void>,
) {
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
