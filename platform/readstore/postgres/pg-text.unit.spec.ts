import { anyOf, documentWords } from './pg-text';

describe('PostgreSQL full text', () => {
  it('indexes the words of the text fields as searches split them: lower case, punctuation and diacritics gone', () => {
    const doc = { title: 'Tabu search: see goliath.dev', summary: 'Café QUBO, a@b.org', tags: ['exact', 3], rating: 5, owner: { name: 'Ana' } };
    expect(documentWords(doc, ['title', 'summary'])).toBe('tabu search see goliath dev cafe qubo a b org');
    // strings in arrays count, other values do not; dotted paths reach nested fields
    expect(documentWords(doc, ['tags', 'rating', 'owner.name'])).toBe('exact ana');
    expect(documentWords(doc, [])).toBeNull();
    expect(documentWords({}, ['title'])).toBe('');
  });

  it('searches any of the terms, each a quoted lexeme, whatever the text', () => {
    expect(anyOf(['tabu', 'qubo'])).toBe("'tabu' | 'qubo'");
    expect(anyOf(['café'])).toBe("'cafe'");
    // search-terms.ts yields letters and digits only; quotes and backslashes would still stay inside their lexeme
    expect(anyOf(["o'neil", 'a\\b'])).toBe("'o''neil' | 'a\\\\b'");
  });
});
