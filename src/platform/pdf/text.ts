// Text for pdf-lib's standard fonts, shared by the receipt and issued documents.

// The standard PDF fonts encode WinAnsi only: typographic quotes and dashes become plain ones, and
// anything else outside Latin-1 becomes '?', rather than failing the whole document.
export function winAnsi(text: string): string {
  return text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/[^\u0020-\u00ff]/g, '?');
}

/** Splits text into lines no wider than `width` points. */
export function wrap(text: string, width: number, measure: (line: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate) > width && line) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}
