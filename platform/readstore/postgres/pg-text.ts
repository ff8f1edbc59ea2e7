import { readFieldPath } from '../names';
import { textWords } from '../search-terms';
import type { SqlFragment } from './pg-query';

/**
 * Full text on PostgreSQL. The adapter splits text into words itself, by the rule searches are split
 * by (../search-terms.ts), and folds diacritics away as SQLite's unicode61 tokenizer and MongoDB's
 * text index do: PostgreSQL's own parser would read `goliath.dev` or `a@b.org` as one token, and its
 * letter classes follow the database's locale. The words, joined by spaces, become each document's
 * tsvector under the `simple` configuration (no stemming, no stop words, as on the other stores).
 */
const CONFIGURATION = `'simple'::regconfig`;

/** The tsvector of words (a text of words joined by spaces, as documentWords gives): a SQL expression over the expression given. */
export function textVector(words: string): string {
  return `to_tsvector(${CONFIGURATION}, ${words})`;
}

/** The tsquery of a text of quoted lexemes (as anyOf gives). */
export function textQuery(lexemes: string): string {
  return `to_tsquery(${CONFIGURATION}, ${lexemes})`;
}

/** Documents whose text holds any of the terms. */
export function textMatchSql(terms: readonly string[]): SqlFragment {
  return { sql: `words @@ ${textQuery('?')}`, params: [anyOf(terms)] };
}

/** The words of a document's text fields (strings, or strings in arrays), in field order; null when there are no text fields. */
export function documentWords(doc: object, textFields: readonly string[]): string | null {
  if (textFields.length === 0) return null;
  return textFields
    .flatMap((field) => stringsOf(readFieldPath(doc, field)))
    .flatMap(textWords)
    .map(withoutDiacritics)
    .filter((word) => word.length > 0)
    .join(' ');
}

/** Each term a quoted lexeme, joined by OR: no user text is ever read as tsquery syntax. */
export function anyOf(terms: readonly string[]): string {
  return terms
    .map(withoutDiacritics)
    .filter((term) => term.length > 0)
    .map((term) => `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`)
    .join(' | ');
}

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((element): element is string => typeof element === 'string') : [];
}

function withoutDiacritics(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '');
}
