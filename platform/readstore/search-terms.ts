/**
 * Splits user search text into plain words. Both adapters search for words only, never for the
 * user's operators: quotes, `OR`, `NOT`, `*`, `-`, `:` and parentheses are separators here, so a
 * hostile query like `"foo OR bar*` searches for the words foo, or, bar and nothing else.
 * Letters (with their combining marks) and digits form words, as in FTS5's unicode61 tokenizer.
 */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const MAX_TERMS = 32;

export function searchTerms(text: string): string[] {
  return [...new Set(textWords(text))].slice(0, MAX_TERMS);
}

/** Every word of a text, lower-cased, in order, repeats kept: how an adapter that splits document text itself (PostgreSQL) splits it as searches are split. */
export function textWords(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}
