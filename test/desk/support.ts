import { Writable } from "node:stream";
import { pino } from "pino";
import { hashPassword } from "../../src/desk/passwords.ts";
import { buildDesk } from "../../src/desk/server.ts";
import type { CorpusStore } from "../../src/ports/corpus-store.ts";
import type { DeskStore } from "../../src/ports/desk-store.ts";
import { memoryCorpusStore } from "../../src/ports/memory-corpus-store.ts";
import { memoryDeskStore } from "../../src/ports/memory-desk-store.ts";
import { testDrafts } from "../support/drafts.ts";

export const PASSWORD = "correct horse battery";

/** A desk on in-memory stores holding the bundled corpus as v1, with a curator and an editor. */
export async function testDesk(options: { corpus?: CorpusStore; desk?: DeskStore } = {}) {
  const corpus = options.corpus ?? memoryCorpusStore();
  const desk = options.desk ?? memoryDeskStore();
  if (
    (await corpus.log()).ok &&
    ((await corpus.log()) as { value: unknown[] }).value.length === 0
  ) {
    await corpus.publish((await testDrafts()).first, { parent: null, by: "system", note: "seed" });
  }
  const hash = await hashPassword(PASSWORD);
  const createdAt = new Date().toISOString();
  await desk.putAccount({ name: "ana", role: "curator", hash, createdAt });
  await desk.putAccount({ name: "ed", role: "editor", hash, createdAt });
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const app = await buildDesk({
    corpus,
    desk,
    logger: pino({ level: "trace" }, sink),
    sessionHours: 1,
  });
  return { app, corpus, desk, lines, hash };
}

type App = Awaited<ReturnType<typeof testDesk>>["app"];

/** A browser's cookie jar over inject: keeps cookies and reads the CSRF token from pages. */
export function agent(app: App) {
  const jar = new Map<string, string>();
  let csrf = "";
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const keep = (res: Awaited<ReturnType<App["inject"]>>) => {
    for (const c of res.cookies as { name: string; value: string; expires?: Date }[]) {
      if (c.value === "" || (c.expires && c.expires.getTime() < Date.now())) jar.delete(c.name);
      else jar.set(c.name, c.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
    if (token) csrf = token;
    return res;
  };
  const self = {
    jar,
    get csrf() {
      return csrf;
    },
    get: async (url: string) =>
      keep(await app.inject({ method: "GET", url, headers: { cookie: cookieHeader() } })),
    post: async (url: string, fields: Record<string, string>, withCsrf = true) =>
      keep(
        await app.inject({
          method: "POST",
          url,
          headers: { cookie: cookieHeader(), "content-type": "application/x-www-form-urlencoded" },
          payload: new URLSearchParams(withCsrf ? { _csrf: csrf, ...fields } : fields).toString(),
        }),
      ),
    async signIn(name: string, password = PASSWORD) {
      await self.get("/sign-in");
      return self.post("/sign-in", { name, password });
    },
  };
  return self;
}

/** The id of the draft a "start a draft" post redirected to. */
export function draftIdOf(location: unknown): string {
  const id = /^\/drafts\/([a-z0-9-]+)$/.exec(String(location))?.[1];
  if (!id) throw new Error(`not a draft location: ${String(location)}`);
  return id;
}

const unescaped = (s: string) =>
  s
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");

/**
 * What a browser would post from the form at `action` in a page: its inputs (ticked checkboxes
 * only), textareas and selected options, without the submit buttons.
 */
export function formFields(body: string, action: string): Record<string, string> {
  const at = body.indexOf(`action="${action}"`);
  if (at < 0) throw new Error(`no form posting to ${action}`);
  const form = body.slice(at, body.indexOf("</form>", at));
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input([^>]*)>/g)) {
    const attrs = m[1] ?? "";
    const name = /name="([^"]+)"/.exec(attrs)?.[1];
    if (!name || name === "_csrf") continue;
    if (/type="checkbox"/.test(attrs)) {
      if (/\bchecked\b/.test(attrs)) fields[name] = "on";
    } else fields[name] = unescaped(/value="([^"]*)"/.exec(attrs)?.[1] ?? "");
  }
  for (const m of form.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g))
    fields[m[1] as string] = unescaped(m[2] ?? "");
  for (const m of form.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g))
    fields[m[1] as string] = unescaped(
      /<option value="([^"]*)" selected/.exec(m[2] ?? "")?.[1] ?? "",
    );
  return fields;
}
