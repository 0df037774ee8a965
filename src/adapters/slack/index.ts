// What the rest of Factdesk uses from the Slack adapter.
export { slackAdapter } from "./adapter.ts";
export { hasSlackCredentials, parseSlackConfig, type SlackConfig } from "./config.ts";
export { postingClient } from "./post.ts";
export { render, type SlackMessage } from "./render.ts";
export { type SlackHandle, startSlack } from "./start.ts";
