/**
 * Block Kit limits for messages (docs.slack.dev/reference/block-kit). Lengths are counted in
 * UTF-16 code units, which is never fewer than the characters Slack counts.
 */
export const LIMITS = {
  blocks: 50,
  headerText: 150,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
} as const;
