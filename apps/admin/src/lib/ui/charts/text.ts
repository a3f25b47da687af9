/**
 * Splits a label into lines of at most `maxWidth` pixels for SVG text, which does not wrap by itself.
 * Widths are estimates (CJK characters ≈ 1 em, Latin ≈ 0.58 em): close enough to keep labels apart
 * without measuring in the browser, which server rendering cannot do.
 */
export function wrapLabel(label: string, maxWidth: number, fontSize = 11, maxLines = 2): string[] {
  const widthOf = (text: string) =>
    [...text].reduce(
      (sum, char) => sum + (/[\u2e80-\u9fff\uff00-\uffef]/.test(char) ? 1 : 0.58) * fontSize,
      0,
    );
  // Latin text breaks between words, CJK between characters.
  const tokens = /\s/.test(label) ? label.split(/(\s+)/).filter((t) => t.length > 0) : [...label];
  const lines: string[] = [];
  let line = '';
  for (const token of tokens) {
    const next = line + token;
    if (line && widthOf(next.trimEnd()) > maxWidth) {
      lines.push(line.trim());
      line = token.trimStart();
    } else {
      line = next;
    }
  }
  if (line.trim()) lines.push(line.trim());
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]}…`;
  return kept;
}
