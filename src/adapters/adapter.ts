import type { Reply } from "../core/reply/schema.ts";
import type { Poster } from "../ports/poster.ts";

export interface RenderOptions {
  /** Show every citation's verbatim quote, not just outlet and date. */
  showQuotes?: boolean;
  /** Set when a user re-posts an answer to the channel: who shared it. */
  sharedBy?: string;
}

/** What every platform folder provides: a Poster that also renders; a third platform is one more. */
export interface Adapter<Rendered> extends Poster {
  render(reply: Reply, options?: RenderOptions): Rendered;
}

/** A platform connection that is answering its users until stopped. */
export interface RunningPlatform {
  stop(): Promise<void>;
  /** Whether it is connected now (listening, or its socket or gateway up): the readiness check. */
  connected(): boolean;
}
