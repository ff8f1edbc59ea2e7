import { textWidth, wrapPhrases } from './text-layout';

describe('text layout', () => {
  it('estimates width from length and size', () => {
    expect(textWidth('abcd', 10)).toBe(22);
  });

  it('fills each line with whole phrases before starting the next', () => {
    // 10 characters a line at 10px in 60px
    expect(wrapPhrases(['one', 'two', 'three', 'four'], ' · ', 60, 10)).toEqual(['one · two', 'three', 'four']);
    expect(wrapPhrases(['one', 'two'], ' · ', 600, 10)).toEqual(['one · two']);
  });

  it('cuts a phrase too long for any line', () => {
    expect(wrapPhrases(['ensemble-mean(a + b + c)', 'made today'], ' · ', 60, 10)).toEqual(['ensemble-…', 'made today']);
  });
});
