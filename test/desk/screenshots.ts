import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { curateLaterReport, launchChromium, publishAsEditor, startDesk } from "./browser.ts";

// npm run desk:screenshots: the README's pictures of the desk, taken along the browser test's flow.
const PICTURES = new Set(["desk-article", "desk-suggestions", "desk-record", "desk-review"]);
const DOCS = fileURLToPath(new URL("../../docs/", import.meta.url));
await mkdir(DOCS, { recursive: true });
const [browser, desk] = await Promise.all([launchChromium(), startDesk()]);
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  const shot = async (name: string) => {
    if (!PICTURES.has(name)) return;
    await page.screenshot({ path: `${DOCS}${name}.png` });
    console.log(`docs/${name}.png`);
  };
  await curateLaterReport(page, desk.url, shot);
  await publishAsEditor(page, desk.url, shot);
} finally {
  await browser.close();
  await desk.stop();
}
