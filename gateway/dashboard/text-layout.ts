/**
 * Text placed without measuring it: a pure function has no font to ask, so widths are estimated
 * from the length, generously (system-ui faces average under 0.55 em a character in Latin text).
 */
const AVERAGE_CHARACTER_EM = 0.55;

export function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * AVERAGE_CHARACTER_EM;
}

/**
 * Phrases joined by `separator` into as few lines as fit `maxWidth`, never breaking a phrase; a
 * phrase too wide for a line of its own (a long ensemble model id) is cut short with an ellipsis.
 */
export function wrapPhrases(phrases: readonly string[], separator: string, maxWidth: number, fontSize: number): string[] {
  const maxCharacters = Math.max(2, Math.floor(maxWidth / (fontSize * AVERAGE_CHARACTER_EM)));
  const lines: string[] = [];
  for (const phrase of phrases.map((whole) => (whole.length > maxCharacters ? `${whole.slice(0, maxCharacters - 1)}…` : whole))) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + separator.length + phrase.length <= maxCharacters) lines[lines.length - 1] = `${last}${separator}${phrase}`;
    else lines.push(phrase);
  }
  return lines;
}
