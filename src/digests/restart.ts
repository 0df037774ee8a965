import type { Redis } from "ioredis";

/**
 * When the Redis behind `connection` last started, by `now`'s clock: a slot due before then may
 * have lost its claim and record in a crash (`appendfsync everysec` drops up to a second), even
 * when its job runs again on time. Asked once per connection: a restart drops the connection,
 * and that forgets the answer, so the first job after it asks again.
 */
export function redisStartedAt(connection: Redis, now: () => number = Date.now) {
  let known: Promise<number> | undefined;
  connection.on("close", () => {
    known = undefined;
  });
  return (): Promise<number> => {
    known ??= connection.info("server").then(
      (info) => {
        const uptime = /^uptime_in_seconds:(\d+)/m.exec(info)?.[1];
        if (uptime === undefined) throw new Error("Redis INFO server has no uptime_in_seconds");
        // Whole seconds: the start is placed up to a second early, which only widens the doubt.
        return now() - (Number(uptime) + 1) * 1000;
      },
      (err: unknown) => {
        known = undefined;
        throw err;
      },
    );
    return known;
  };
}
