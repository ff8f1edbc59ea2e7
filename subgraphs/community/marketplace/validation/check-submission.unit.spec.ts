import { checkSubmission, type SubmissionInput } from './check-submission';

const valid: SubmissionInput = {
  name: ' Advanced Portfolio Optimization ',
  description: 'Multi-objective portfolio optimization',
  category: 'finance',
  complexity: 'Advanced',
  price: 99.99,
  currency: 'usd',
  licenseTerms: 'One seat.',
  recipe: { strategy: 'SA', timeLimitMs: 5000, parameters: { sweeps: 2000, schedule: 'geometric', betaRange: { start: 0.1, end: 5 } }, problemClasses: ['portfolio'] },
  documentation: '# Portfolio\n\nUses **annealing**.',
};

const codes = (input: SubmissionInput) => checkSubmission(input).problems.map(({ field, code, severity }) => `${field} ${code} ${severity}`);

describe('checking a submission', () => {
  it('accepts a valid one: vocabulary spelled as published, default licence prices, documentation rendered', () => {
    const checked = checkSubmission(valid);
    expect(checked.problems).toEqual([]);
    expect(checked.content).toMatchObject({
      name: 'Advanced Portfolio Optimization',
      category: 'Finance',
      currency: 'USD',
      licensePrices: { PERSONAL: 99.99, COMMERCIAL: 499.95, ENTERPRISE: 1999.8 },
      documentationHtml: '<h1>Portfolio</h1>\n<p>Uses <strong>annealing</strong>.</p>\n',
      source: null,
      sourceHash: null,
    });
  });

  it('reports every problem at once, each with its field and code', () => {
    expect(
      codes({
        ...valid,
        name: '',
        description: 'd'.repeat(2001),
        category: 'Alchemy',
        complexity: 'Trivial',
        price: 10.001,
        currency: 'XXX',
        licensePrices: [
          { licenseType: 'COMMERCIAL', price: -1 },
          { licenseType: 'COMMERCIAL', price: 5 },
        ],
        licenseTerms: ' ',
        recipe: { strategy: 'QUANTUM', timeLimitMs: 0, colour: 'red' },
        sourceCode: 'not base64!',
      }),
    ).toEqual([
      'name REQUIRED ERROR',
      'description TOO_LONG ERROR',
      'licenseTerms REQUIRED ERROR',
      'category UNKNOWN_CATEGORY ERROR',
      'complexity UNKNOWN_COMPLEXITY ERROR',
      'currency UNKNOWN_CURRENCY ERROR',
      'price INVALID_PRICE ERROR',
      'licensePrices.0.price INVALID_PRICE ERROR',
      'licensePrices.1.licenseType DUPLICATE_LICENSE_TYPE ERROR',
      'recipe RECIPE_SCHEMA ERROR',
      'recipe/strategy RECIPE_SCHEMA ERROR',
      'recipe/timeLimitMs RECIPE_SCHEMA ERROR',
      'sourceCode INVALID_SOURCE ERROR',
    ]);
    expect(checkSubmission({ ...valid, name: '' }).content).toBeUndefined();
  });

  it('names the unknown recipe property and the allowed values', () => {
    const messages = checkSubmission({ ...valid, recipe: { strategy: 'QUANTUM', timeLimitMs: 10, colour: 'red' } }).problems.map((problem) => problem.message);
    expect(messages).toEqual(['has an unknown property "colour"', 'must be equal to one of the allowed values: SA, TABU, AUTO']);
  });

  it('stores sanitised documentation and warns that something was removed, without making the submission invalid', () => {
    const checked = checkSubmission({ ...valid, documentation: 'Hi <script>alert(1)</script><img src="https://x.org/a.png" onerror="steal()">' });
    expect(checked.problems).toEqual([expect.objectContaining({ field: 'documentation', code: 'DOCUMENTATION_SANITISED', severity: 'WARNING' })]);
    expect(checked.content?.documentationHtml).toBe('<p>Hi <img src="https://x.org/a.png" /></p>\n');
  });

  it('decodes the source and hashes it into the content hash, which changes with the recipe, documentation or source', () => {
    const source = Buffer.from('print("hi")');
    const checked = checkSubmission({ ...valid, sourceCode: source.toString('base64') });
    expect(checked.content?.source).toEqual(source);
    expect(checked.content?.sourceHash).toMatch(/^[0-9a-f]{64}$/);
    const hashes = new Set([checked.contentHash, checkSubmission(valid).contentHash, checkSubmission({ ...valid, documentation: 'other' }).contentHash, checkSubmission({ ...valid, recipe: { strategy: 'TABU', timeLimitMs: 5000 } }).contentHash]);
    expect(hashes.size).toBe(4);
    expect(checkSubmission({ ...valid, name: 'Another name', price: 1 }).contentHash).toBe(checkSubmission(valid).contentHash);
  });

  it('refuses a source over 5 MB before decoding it', () => {
    expect(codes({ ...valid, sourceCode: 'A'.repeat(4 * Math.ceil((5 * 1024 * 1024 + 1) / 3)) })).toEqual(['sourceCode TOO_LONG ERROR']);
  });

  it('takes PERSONAL in licensePrices only at the price itself', () => {
    expect(codes({ ...valid, licensePrices: [{ licenseType: 'PERSONAL', price: 99.99 }, { licenseType: 'ENTERPRISE', price: 1000 }] })).toEqual([]);
    expect(codes({ ...valid, licensePrices: [{ licenseType: 'PERSONAL', price: 5 }] })).toEqual(['licensePrices.0.price LICENSE_PRICE_CONFLICT ERROR']);
  });
});
