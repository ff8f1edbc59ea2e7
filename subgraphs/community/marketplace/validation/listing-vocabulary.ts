/**
 * The marketplace's published vocabulary and limits (README, "Community"). Categories and
 * complexities are validated strings rather than GraphQL enums so the seed's spelling ("Finance",
 * "Advanced") is the API's; any case is accepted and stored in the spelling listed here.
 */
export const ALGORITHM_CATEGORIES = ['Finance', 'Logistics', 'Scheduling', 'Energy', 'Telecom', 'Graph', 'General'] as const;
export const ALGORITHM_COMPLEXITIES = ['Beginner', 'Intermediate', 'Advanced', 'Expert'] as const;
/** ISO 4217 codes a listing may be priced in. */
export const ALGORITHM_CURRENCIES = ['USD', 'EUR', 'GBP', 'CHF', 'JPY', 'CAD', 'AUD', 'SEK', 'NOK', 'DKK', 'PLN', 'CNY', 'INR', 'SGD', 'BRL'] as const;

export const LISTING_LIMITS = {
  nameChars: 120,
  descriptionChars: 2_000,
  documentationBytes: 100 * 1024,
  licenseTermsBytes: 10 * 1024,
  /** Decoded source code. */
  sourceBytes: 5 * 1024 * 1024,
  maxPrice: 1_000_000,
} as const;

/** Defaults for the licence types a submission leaves out, as multiples of the PERSONAL price. */
export const DEFAULT_PRICE_MULTIPLES = { COMMERCIAL: 5, ENTERPRISE: 20 } as const;

/** The vocabulary's spelling of `value` (any case), or undefined when it is not in it. */
export function canonicalTerm(vocabulary: readonly string[], value: string): string | undefined {
  const wanted = value.trim().toLowerCase();
  return vocabulary.find((term) => term.toLowerCase() === wanted);
}
