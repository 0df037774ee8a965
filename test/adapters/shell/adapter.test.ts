import { shellAdapter, type TextSink } from "../../../src/adapters/shell/adapter.ts";
import {
  type AdapterHarness,
  adapterContract,
  type CitationsShown,
  readCitations,
} from "../contract.ts";

/** A sink that keeps what is posted to it and can fail the next write, as a closed pipe would. */
function memorySink() {
  const posts: string[] = [];
  let failure: "permanent" | "transient" | null = null;
  const sink: TextSink = {
    write(text, done) {
      const kind = failure;
      failure = null;
      if (kind === null) posts.push(text);
      const code = kind === "permanent" ? "EPIPE" : "EAGAIN";
      done(kind === null ? null : Object.assign(new Error(`write ${code}`), { code }));
    },
  };
  return { sink, posts, failNext: (kind: "permanent" | "transient") => (failure = kind) };
}

/** What plain text cites: every [n], each source by id with its quote indented beneath. */
const citationsShown = (text: string): CitationsShown =>
  readCitations(text, {
    source: /^\[(\d+)\] /,
    quote: "    ",
    marker: /\[(\d+)\]/g,
    leftOut: /^…and (\d+) more sources?$/,
  });

adapterContract("shell", async (): Promise<AdapterHarness<string>> => {
  const out = memorySink();
  return {
    adapter: shellAdapter(out.sink),
    channel: { platform: "shell", workspaceId: "local", channelId: "desk" },
    visibleText: (text) => text,
    // A terminal takes text of any length and has no one to ping.
    limitViolations: () => [],
    mentions: () => [],
    citations: citationsShown,
    asShown: (text) => text,
    postedBodies: () => out.posts,
    failNextPost: out.failNext,
  };
});
