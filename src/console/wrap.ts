/**
 * Word wrapping for the terminal's 100 columns. A line keeps its own leading indent; the
 * lines it continues on are indented by `hangingIndent`. A word longer than the width (a
 * URL) is never broken, so it stays clickable: it gets a line of its own instead.
 */
export function wrap(text: string, width: number, hangingIndent = 0): string {
  return text
    .split('\n')
    .map((line) => wrapLine(line, width, hangingIndent))
    .join('\n');
}

function wrapLine(line: string, width: number, hangingIndent: number): string {
  if (line.length <= width) return line;
  const indent = /^ */.exec(line)?.[0] ?? '';
  // Split on single spaces: a run of spaces (a padded column) survives inside a line.
  const words = line.slice(indent.length).split(' ');
  const out: string[] = [];
  let current = indent;
  let empty = true;
  for (const word of words) {
    if (word === '' && empty) continue;
    if (!empty && current.length + 1 + word.length > width) {
      out.push(current);
      current = ' '.repeat(hangingIndent);
      empty = true;
    }
    current += empty ? word : ` ${word}`;
    empty = false;
  }
  out.push(current);
  return out.join('\n');
}
