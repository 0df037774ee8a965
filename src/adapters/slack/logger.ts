import { format } from "node:util";
import type { Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../../log.ts";

/** Bolt's logger interface over pino, so Bolt's own messages come out as structured logs too. */
export function boltLogger(log: Logger): BoltLogger {
  const emit =
    (level: "debug" | "info" | "warn" | "error") =>
    (...parts: unknown[]) => {
      const err = parts.find((p): p is Error => p instanceof Error);
      const text = format(...parts.filter((p) => p !== err));
      if (err) log[level]({ err }, text || err.message);
      else log[level](text);
    };
  return {
    debug: emit("debug"),
    info: emit("info"),
    warn: emit("warn"),
    error: emit("error"),
    // LOG_LEVEL decides the level; Bolt would otherwise reset it to its own default of info.
    setLevel: () => {},
    getLevel: () => log.level as LogLevel,
    setName: () => {},
  };
}
