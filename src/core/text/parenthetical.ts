/**
 * "(taz, die tageszeitung)": text in parentheses, its own parentheses turned into commas, so an
 * outlet or note that has some is never shown as "(taz (die tageszeitung))".
 */
export function parenthetical(text: string): string {
  return `(${text.replace(/\s*\(([^()]*)\)/g, ", $1")})`;
}
