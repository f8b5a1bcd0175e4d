// Whole numbers in a sentence or a table (tokens, lines, characters): grouped as the English
// around them is ("1,200"), whatever the machine's locale.

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
