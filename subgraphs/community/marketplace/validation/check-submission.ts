import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../../platform/audit/canonical-json';
import { LICENSE_TYPES, type AlgorithmRecipe, type AlgorithmVersionSubmission, type LicenseType } from '../../../../schema/events/algorithm-events';
import { renderMarkdownChecked } from '../../content/markdown';
import { ALGORITHM_CATEGORIES, ALGORITHM_COMPLEXITIES, ALGORITHM_CURRENCIES, canonicalTerm, DEFAULT_PRICE_MULTIPLES, LISTING_LIMITS } from './listing-vocabulary';
import { recipeProblems } from './recipe-validator';
import type { ValidationProblem, ValidationProblemCode } from './validation-problem';

/** A submission as the API takes it (SubmitAlgorithmInput), before any check. */
export interface SubmissionInput {
  readonly name: string;
  readonly description: string;
  readonly category: string;
  readonly complexity: string;
  readonly price: number;
  readonly currency: string;
  readonly licensePrices?: readonly { readonly licenseType: LicenseType; readonly price: number }[] | null;
  readonly licenseTerms: string;
  readonly recipe: unknown;
  /** Base64. */
  readonly sourceCode?: string | null;
  /** Markdown. */
  readonly documentation: string;
}

/** A version's content as it is stored: names in the vocabulary's spelling, every price set, the documentation rendered safe. */
export type ListingContent = Pick<
  AlgorithmVersionSubmission,
  'name' | 'description' | 'category' | 'complexity' | 'currency' | 'licensePrices' | 'licenseTerms' | 'recipe' | 'documentation' | 'documentationHtml' | 'sourceHash' | 'contentHash'
> & { readonly source: Buffer | null };

export interface CheckedSubmission {
  readonly problems: readonly ValidationProblem[];
  /** What DUPLICATE_CONTENT compares, known even when other problems make the submission invalid. */
  readonly contentHash: string;
  /** The content to store; undefined when a problem is an error. */
  readonly content?: ListingContent;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Every problem of a submission but duplicate content (which needs the read model), at once; no I/O. */
export function checkSubmission(input: SubmissionInput): CheckedSubmission {
  const problems: ValidationProblem[] = [];
  const error = (field: string, code: ValidationProblemCode, message: string) => problems.push({ field, code, message, severity: 'ERROR' });

  const name = input.name.trim();
  const description = input.description.trim();
  requiredText(error, 'name', name, { chars: LISTING_LIMITS.nameChars });
  requiredText(error, 'description', description, { chars: LISTING_LIMITS.descriptionChars });
  requiredText(error, 'licenseTerms', input.licenseTerms.trim(), { bytes: LISTING_LIMITS.licenseTermsBytes });
  requiredText(error, 'documentation', input.documentation.trim(), { bytes: LISTING_LIMITS.documentationBytes });

  const category = canonicalTerm(ALGORITHM_CATEGORIES, input.category);
  if (!category) error('category', 'UNKNOWN_CATEGORY', `must be one of ${ALGORITHM_CATEGORIES.join(', ')}`);
  const complexity = canonicalTerm(ALGORITHM_COMPLEXITIES, input.complexity);
  if (!complexity) error('complexity', 'UNKNOWN_COMPLEXITY', `must be one of ${ALGORITHM_COMPLEXITIES.join(', ')}`);
  const currency = canonicalTerm(ALGORITHM_CURRENCIES, input.currency);
  if (!currency) error('currency', 'UNKNOWN_CURRENCY', `must be an ISO 4217 code among ${ALGORITHM_CURRENCIES.join(', ')}`);

  const licensePrices = pricesOf(input, error);
  const recipeErrors = recipeProblems(input.recipe);
  problems.push(...recipeErrors);

  const rendered = renderMarkdownChecked(input.documentation);
  if (rendered.removedUnsafe) {
    problems.push({ field: 'documentation', code: 'DOCUMENTATION_SANITISED', message: 'unsafe HTML (a script, an event handler, a javascript: link, a style…) was removed; the sanitised rendering is what is stored and shown', severity: 'WARNING' });
  }

  const source = sourceOf(input.sourceCode, error);
  const sourceHash = source ? sha256(source) : null;
  const contentHash = sha256(Buffer.from(canonicalJson({ recipe: input.recipe ?? null, documentation: input.documentation, sourceHash })));

  if (problems.some((problem) => problem.severity === 'ERROR')) return { problems, contentHash };
  const content: ListingContent = {
    name,
    description,
    category: category!,
    complexity: complexity!,
    currency: currency!,
    licensePrices,
    licenseTerms: input.licenseTerms.trim(),
    recipe: input.recipe as AlgorithmRecipe,
    documentation: input.documentation,
    documentationHtml: rendered.html,
    source,
    sourceHash,
    contentHash,
  };
  return { problems, contentHash, content };
}

type ReportError = (field: string, code: ValidationProblemCode, message: string) => void;

function requiredText(error: ReportError, field: string, value: string, limit: { readonly chars?: number; readonly bytes?: number }): void {
  if (value.length === 0) return error(field, 'REQUIRED', 'is required');
  if (limit.chars !== undefined && [...value].length > limit.chars) error(field, 'TOO_LONG', `has at most ${limit.chars} characters`);
  if (limit.bytes !== undefined && Buffer.byteLength(value) > limit.bytes) error(field, 'TOO_LONG', `has at most ${limit.bytes / 1024} KB`);
}

/** PERSONAL is `price`; the others as given in `licensePrices`, else the README's multiples of it. */
function pricesOf(input: SubmissionInput, error: ReportError): Record<LicenseType, number> {
  checkPrice(error, 'price', input.price);
  const given = new Map<LicenseType, number>();
  (input.licensePrices ?? []).forEach(({ licenseType, price }, index) => {
    const field = `licensePrices.${index}`;
    if (given.has(licenseType)) error(`${field}.licenseType`, 'DUPLICATE_LICENSE_TYPE', `${licenseType} is priced twice`);
    else if (licenseType === 'PERSONAL' && price !== input.price) error(`${field}.price`, 'LICENSE_PRICE_CONFLICT', `the PERSONAL price is \`price\` (${input.price}); leave PERSONAL out of licensePrices or give the same price`);
    checkPrice(error, `${field}.price`, price);
    given.set(licenseType, price);
  });
  return Object.fromEntries(
    LICENSE_TYPES.map((type) => [type, type === 'PERSONAL' ? input.price : (given.get(type) ?? roundCents(input.price * DEFAULT_PRICE_MULTIPLES[type]))]),
  ) as Record<LicenseType, number>;
}

function checkPrice(error: ReportError, field: string, price: number): void {
  if (!Number.isFinite(price) || price < 0 || price > LISTING_LIMITS.maxPrice) return error(field, 'INVALID_PRICE', `must be between 0 and ${LISTING_LIMITS.maxPrice}`);
  if (roundCents(price) !== price) error(field, 'INVALID_PRICE', 'has at most 2 decimals');
}

/** The decoded source, null without one; its size is checked before it is decoded. */
function sourceOf(base64: string | null | undefined, error: ReportError): Buffer | null {
  const text = base64?.replace(/\s+/g, '') ?? '';
  if (text.length === 0) return null;
  if (text.length % 4 !== 0 || !BASE64.test(text)) {
    error('sourceCode', 'INVALID_SOURCE', 'must be base64 (RFC 4648, with padding)');
    return null;
  }
  if ((text.length / 4) * 3 - (text.length - text.replace(/=+$/, '').length) > LISTING_LIMITS.sourceBytes) {
    error('sourceCode', 'TOO_LONG', `has at most ${LISTING_LIMITS.sourceBytes / (1024 * 1024)} MB once decoded`);
    return null;
  }
  return Buffer.from(text, 'base64');
}

function roundCents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}
