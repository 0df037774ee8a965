import { pino } from "pino";

/**
 * Where a secret could sit in a logged object: never written, whatever a caller passes.
 * (Error objects from HTTP clients carry request headers and configs.)
 */
const SECRET_PATHS = [
  "token",
  "botToken",
  "appToken",
  "signingSecret",
  "password",
  "authorization",
  "*.token",
  "*.botToken",
  "*.appToken",
  "*.signingSecret",
  "*.password",
  "*.authorization",
  "*.headers.authorization",
  "*.*.headers.authorization",
  "*.config.headers.authorization",
];

/**
 * Logs go to stderr, so stdout stays free for answers (`ask --json`): readable lines
 * (pino-pretty) when stderr is a terminal, where a person reads them; one JSON object a line
 * otherwise, for whatever collects them.
 */
const destination = process.stderr.isTTY
  ? (await import("pino-pretty")).default({ destination: 2, sync: true, colorize: true })
  : pino.destination(2);

export const log = pino(
  { name: "factdesk", level: "info", redact: { paths: SECRET_PATHS, censor: "[redacted]" } },
  destination,
);
export type Logger = typeof log;
