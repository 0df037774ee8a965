import type { ShownStatement } from "../core/answers/digest.ts";
import type { ChannelKey, Subscription } from "../digests/subscription.ts";

/**
 * What the digest command needs of the digest machinery: subscriptions and their schedules. The
 * business rules (who may subscribe, what each subcommand answers) live in the command.
 */
export interface DigestService {
  forChannel(channel: ChannelKey): Promise<Subscription | null>;
  inWorkspace(platform: string, workspaceId: string): Promise<Subscription[]>;
  /** Saves the subscription and (re)starts its schedule. */
  subscribe(sub: Subscription): Promise<void>;
  /** Stops its schedule and forgets it. */
  unsubscribe(sub: Subscription): Promise<void>;
  /** The record keys of a corpus version a digest was built from; null when unknown. */
  manifest(version: string): Promise<ReadonlySet<string> | null>;
  /** Remembers what an answer shared to a channel as `messageId` showed: its corrections reply there. */
  recordShare(
    channel: ChannelKey,
    messageId: string,
    shown: Readonly<Record<string, ShownStatement>>,
  ): Promise<void>;
}

/** Subscriptions in memory, with no schedule behind them: for fast tests of the digest command. */
export function memoryDigestService(): DigestService & {
  subscriptions: Map<string, Subscription>;
  shares: Array<{ channel: ChannelKey; messageId: string; shown: Record<string, ShownStatement> }>;
} {
  const subscriptions = new Map<string, Subscription>();
  const shares: Array<{
    channel: ChannelKey;
    messageId: string;
    shown: Record<string, ShownStatement>;
  }> = [];
  const same = (sub: Subscription, c: ChannelKey) =>
    sub.platform === c.platform &&
    sub.workspaceId === c.workspaceId &&
    sub.channelId === c.channelId;
  return {
    subscriptions,
    shares,
    forChannel: async (channel) =>
      [...subscriptions.values()].find((sub) => same(sub, channel)) ?? null,
    inWorkspace: async (platform, workspaceId) =>
      [...subscriptions.values()].filter(
        (sub) => sub.platform === platform && sub.workspaceId === workspaceId,
      ),
    async subscribe(sub) {
      subscriptions.set(sub.id, structuredClone(sub));
    },
    async unsubscribe(sub) {
      subscriptions.delete(sub.id);
    },
    manifest: async () => null,
    async recordShare(channel, messageId, shown) {
      shares.push(structuredClone({ channel, messageId, shown }));
    },
  };
}
