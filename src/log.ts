import { pino } from "pino";

/** Structured JSON logs on stderr, so stdout stays free for answers (`ask --json`). */
export const log = pino({ name: "factdesk", level: "info" }, pino.destination(2));
export type Logger = typeof log;
