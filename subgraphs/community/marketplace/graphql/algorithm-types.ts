import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../../../platform/graphql/connection';
import { DateTimeScalar, JSONScalar } from '../../../../schema/graphql/scalars';
import { LicenseType } from '../../graphql/license-type';

export enum AlgorithmStatus {
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  DEPRECATED = 'DEPRECATED',
}
registerEnumType(AlgorithmStatus, { name: 'AlgorithmStatus', description: 'SUBMITTED: waiting for a moderator; APPROVED: discoverable and purchasable; REJECTED: refused with a reason; DEPRECATED: no longer discoverable nor purchasable, licences keep working.' });

export enum ReviewDecision {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
}
registerEnumType(ReviewDecision, { name: 'ReviewDecision' });

@ObjectType({ description: 'The price of one licence type.' })
export class AlgorithmLicensePrice {
  @Field(() => LicenseType)
  licenseType!: LicenseType;
  @Field(() => Float)
  price!: number;
}

@ObjectType({ description: 'One version of a listing as submitted, and its review.' })
export class AlgorithmVersion {
  @Field(() => ID)
  algorithmId!: string;
  @Field(() => Int)
  version!: number;
  @Field(() => AlgorithmStatus, { description: 'SUBMITTED, APPROVED or REJECTED.' })
  status!: AlgorithmStatus;
  @Field(() => String, { nullable: true, description: "The moderator's reason; null while submitted." })
  reason!: string | null;
  @Field(() => DateTimeScalar)
  submittedAt!: string;
  @Field(() => DateTimeScalar, { nullable: true })
  reviewedAt!: string | null;
  @Field(() => ID, { description: "The author's tenant." })
  tenantId!: string;
  @Field(() => ID)
  authorId!: string;
  @Field(() => String)
  name!: string;
  @Field(() => String)
  description!: string;
  @Field(() => String)
  category!: string;
  @Field(() => String)
  complexity!: string;
  @Field(() => String)
  currency!: string;
  @Field(() => [AlgorithmLicensePrice])
  licensePrices!: AlgorithmLicensePrice[];
  @Field(() => String)
  licenseTerms!: string;
  @Field(() => JSONScalar)
  recipe!: unknown;
  @Field(() => String, { description: 'The documentation rendered from markdown and sanitised: safe to put into any page.' })
  documentationHtml!: string;
  @Field(() => String, { nullable: true, description: 'SHA-256 of the source code, null without any.' })
  sourceSha256!: string | null;
  @Field(() => Int, { nullable: true })
  sourceBytes!: number | null;
}

@ObjectType()
export class AlgorithmVersionConnection extends Connection(AlgorithmVersion) {}

@ObjectType({ description: "A licence holder's rating of one version. The rater is not shown: that a tenant holds a licence is its own business." })
export class AlgorithmRating {
  @Field(() => Int)
  version!: number;
  @Field(() => Int, { description: '1 to 5.' })
  stars!: number;
  @Field(() => String, { description: 'Plain text, sanitised.' })
  text!: string;
  @Field(() => DateTimeScalar)
  ratedAt!: string;
}

@ObjectType({ description: 'One instance of a benchmark set solved with the recipe; energies in the minimisation form.' })
export class AlgorithmListingBenchmarkResult {
  @Field(() => String)
  instance!: string;
  @Field(() => Int)
  variables!: number;
  @Field(() => Float, { nullable: true })
  bestKnown!: number | null;
  @Field(() => Float)
  bestEnergy!: number;
  @Field(() => Float, { nullable: true, description: '(bestEnergy − bestKnown) / |bestKnown| × 100; null without a best-known value.' })
  gapPercent!: number | null;
  @Field(() => Float)
  timeToBestMs!: number;
  @Field(() => Float)
  totalTimeMs!: number;
}

@ObjectType({ description: "The latest measurement of one version's recipe on one benchmark set." })
export class AlgorithmListingBenchmark {
  @Field(() => Int)
  version!: number;
  @Field(() => String)
  benchmarkSet!: string;
  @Field(() => DateTimeScalar)
  benchmarkedAt!: string;
  @Field(() => [AlgorithmListingBenchmarkResult])
  results!: AlgorithmListingBenchmarkResult[];
}

@ObjectType({
  description:
    "A marketplace listing. It belongs to its author's tenant; once a version is approved every signed-in user sees it. Its content is that of the published version (the latest approved one), or of the latest version while none is approved.",
})
export class Algorithm {
  @Field(() => ID)
  id!: string;
  @Field(() => ID, { description: "The author's tenant: the listing's owner." })
  tenantId!: string;
  @Field(() => ID)
  authorId!: string;
  @Field(() => String)
  name!: string;
  @Field(() => String)
  description!: string;
  @Field(() => String, { description: 'One of Finance, Logistics, Scheduling, Energy, Telecom, Graph, General.' })
  category!: string;
  @Field(() => String, { description: 'One of Beginner, Intermediate, Advanced, Expert.' })
  complexity!: string;
  @Field(() => AlgorithmStatus, { description: "The latest version's review status for its author's tenant and the moderators; APPROVED (or DEPRECATED) for everyone else." })
  status!: AlgorithmStatus;
  @Field(() => Int, { description: 'The latest version for its author\'s tenant and the moderators; the published one for everyone else.' })
  version!: number;
  @Field(() => Int, { nullable: true, description: 'The latest approved version: what discovery shows and a purchase buys.' })
  publishedVersion!: number | null;
  @Field(() => String, { description: 'The documentation rendered from markdown and sanitised: safe to put into any page.' })
  documentationHtml!: string;
  @Field(() => JSONScalar, { description: 'The solver configuration (schema: algorithmRecipeSchema).' })
  recipe!: unknown;
  @Field(() => String)
  currency!: string;
  @Field(() => [AlgorithmLicensePrice])
  licensePrices!: AlgorithmLicensePrice[];
  @Field(() => String)
  licenseTerms!: string;
  @Field(() => Float, { description: 'Over every rating of every version; 0 without ratings.' })
  ratingAverage!: number;
  @Field(() => Int)
  ratingCount!: number;
  @Field(() => Int, { description: 'Metered runs of any version.' })
  runs!: number;
  @Field(() => Boolean, { description: 'Whether source code comes with it (algorithmSource, for licence holders).' })
  hasSource!: boolean;
  @Field(() => String, { nullable: true })
  deprecationReason!: string | null;
  @Field(() => [AlgorithmListingBenchmark], { description: 'The latest benchmark of each version and set, newest version first; empty until benchmarked.' })
  benchmarkResults!: AlgorithmListingBenchmark[];
  @Field(() => DateTimeScalar)
  createdAt!: string;
  @Field(() => DateTimeScalar)
  updatedAt!: string;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the published version was approved.' })
  publishedAt!: string | null;
}

@ObjectType()
export class AlgorithmConnection extends Connection(Algorithm) {}

@ObjectType({ description: 'One thing wrong with a submission.' })
export class AlgorithmValidationProblem {
  @Field(() => String, { description: 'The input field (`name`, `licensePrices.1.price`); inside the recipe, `recipe` and the JSON pointer (`recipe/parameters/sweeps`).' })
  field!: string;
  @Field(() => String, { description: 'A stable code (README, "Community").' })
  code!: string;
  @Field(() => String)
  message!: string;
  @Field(() => String, { description: 'ERROR makes the submission invalid; WARNING (DOCUMENTATION_SANITISED) does not.' })
  severity!: string;
}

@ObjectType()
export class AlgorithmValidation {
  @Field(() => Boolean, { description: 'No problem is an ERROR: submitAlgorithm would take it.' })
  valid!: boolean;
  @Field(() => [AlgorithmValidationProblem], { description: 'Every problem at once.' })
  problems!: AlgorithmValidationProblem[];
}

@ObjectType({ description: "A version's source code, for its licence holders and its author's tenant." })
export class AlgorithmSource {
  @Field(() => ID)
  algorithmId!: string;
  @Field(() => Int)
  version!: number;
  @Field(() => String)
  sha256!: string;
  @Field(() => Int)
  bytes!: number;
  @Field(() => String)
  base64!: string;
}

@InputType()
export class LicensePriceInput {
  @Field(() => LicenseType)
  licenseType!: LicenseType;
  @Field(() => Float)
  price!: number;
}

@InputType({ description: 'A listing, or with `algorithmId` a new version of one of your tenant\'s listings; it goes through review either way.' })
export class SubmitAlgorithmInput {
  @Field(() => ID, { nullable: true, description: "Submits a new version of this listing (your tenant's) instead of a new listing." })
  algorithmId?: string | null;
  @Field(() => String, { description: 'At most 120 characters.' })
  name!: string;
  @Field(() => String, { description: 'At most 2,000 characters.' })
  description!: string;
  @Field(() => String, { description: 'Finance, Logistics, Scheduling, Energy, Telecom, Graph or General (any case).' })
  category!: string;
  @Field(() => String, { description: 'Beginner, Intermediate, Advanced or Expert (any case).' })
  complexity!: string;
  @Field(() => Float, { description: "The PERSONAL licence's price: 0 to 1,000,000, at most 2 decimals." })
  price!: number;
  @Field(() => String, { description: 'ISO 4217: USD, EUR, GBP, CHF, JPY, CAD, AUD, SEK, NOK, DKK, PLN, CNY, INR, SGD or BRL.' })
  currency!: string;
  @Field(() => [LicensePriceInput], { nullable: true, description: 'Prices of the other licence types; left out, COMMERCIAL is 5 × price and ENTERPRISE 20 × price.' })
  licensePrices?: LicensePriceInput[] | null;
  @Field(() => String, { description: 'At most 10 KB.' })
  licenseTerms!: string;
  @Field(() => GraphQLJSONObject, { description: 'The solver configuration, validated against algorithmRecipeSchema.' })
  recipe!: Record<string, unknown>;
  @Field(() => String, { nullable: true, description: 'Base64, at most 5 MB decoded; stored for licence holders to download, never run.' })
  sourceCode?: string | null;
  @Field(() => String, { description: 'Markdown, at most 100 KB; rendered and sanitised.' })
  documentation!: string;
}

@InputType()
export class ReviewAlgorithmInput {
  @Field(() => ID)
  algorithmId!: string;
  @Field(() => Int, { nullable: true, description: 'The latest version when left out.' })
  version?: number | null;
  @Field(() => ReviewDecision)
  decision!: ReviewDecision;
  @Field(() => String, { defaultValue: '', description: 'Required to reject: the author reads it.' })
  reason!: string;
}

@InputType()
export class RateAlgorithmInput {
  @Field(() => ID)
  algorithmId!: string;
  @Field(() => Int, { nullable: true, description: 'The version your licence is for when left out (the newest one you hold).' })
  version?: number | null;
  @Field(() => Int, { description: '1 to 5.' })
  stars!: number;
  @Field(() => String, { defaultValue: '', description: 'Plain text, at most 2,000 characters; markup is removed.' })
  text!: string;
}
