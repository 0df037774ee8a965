import { z } from "zod";
import { ShownStatement } from "../core/answers/digest.ts";

/** Which channel a subscription posts to; its id is stable, so re-subscribing updates in place. */
export interface ChannelKey {
  platform: string;
  workspaceId: string;
  channelId: string;
}

export function subscriptionId(c: ChannelKey): string {
  return `${c.platform}:${c.workspaceId}:${c.channelId}`;
}

export const Subscription = z.object({
  id: z.string(),
  platform: z.string(),
  workspaceId: z.string(),
  channelId: z.string(),
  cron: z.string(),
  label: z.string(),
  tz: z.string(),
  topic: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  paused: z.object({ reason: z.string(), at: z.string() }).nullable(),
  lastDelivery: z
    .object({
      at: z.string(),
      slot: z.number(),
      messageId: z.string(),
      corpusVersion: z.string(),
      /** What the channel's digests have shown, by statement id: the next one corrects them. */
      shown: z.record(z.string(), ShownStatement).default({}),
    })
    .nullable(),
  lastError: z.object({ at: z.string(), message: z.string(), permanent: z.boolean() }).nullable(),
});
export type Subscription = z.infer<typeof Subscription>;

/** A subscription as the stores keep it: the record's JSON and, apart, the last delivery's. */
export function storedSubscription(record: string, last: string | null | undefined): Subscription {
  return Subscription.parse({
    ...JSON.parse(record),
    lastDelivery: last ? JSON.parse(last) : null,
  });
}
