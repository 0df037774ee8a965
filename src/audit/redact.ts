/**
 * Token shapes that must never reach the audit trail, whatever someone pastes into a question:
 * Slack tokens, Discord bot tokens, and passwords in connection URLs.
 */
const TOKEN_SHAPES = [
  /\bxox[abposr]-[\w-]+/g,
  /\bxapp-[\w-]+/g,
  /\b[\w-]{23,28}\.[\w-]{6,7}\.[\w-]{27,40}\b/g,
  /(?<=:\/\/[^\s:/@]+:)[^\s@/]+(?=@)/g,
];

export const REDACTED = "[redacted]";

/** The text with every known secret and every token-shaped word replaced. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 6) out = out.split(secret).join(REDACTED);
  }
  for (const shape of TOKEN_SHAPES) out = out.replace(shape, REDACTED);
  return out;
}
