import type { webApi } from "@slack/bolt";
import type { Logger } from "../../log.ts";

/**
 * Digests may be changed by workspace admins and owners (users.info, scope users:read) and by
 * the users listed in SLACK_DIGEST_MANAGERS. If Slack cannot say, the answer is no: refusing
 * is safe, and the refusal tells the user why.
 */
export async function canManageDigests(
  client: webApi.WebClient,
  listed: readonly string[],
  userId: string,
  log: Logger,
): Promise<boolean> {
  if (listed.includes(userId)) return true;
  try {
    const { user } = await client.users.info({ user: userId });
    return Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
  } catch (err) {
    log.warn(
      { err: (err as Error).message, user: userId },
      "users.info failed; refusing digest change",
    );
    return false;
  }
}
