/** A user's text inside a LIKE pattern, its wildcards (and the escape character) taken literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (m) => `\\${m}`);
}
