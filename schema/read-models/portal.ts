import type { ProjectRole, ProjectVisibility } from '../events/project-events';
import type { TutorialContent } from '../events/tutorial-events';

/** Read models of the developer portal: tutorials, projects and contributions. */

/** Each tutorial at its latest version (`tutorialId`), searchable over title, summary and body. */
export const TUTORIALS_COLLECTION = 'tutorials';

export interface TutorialVersionEntry {
  readonly version: number;
  readonly title: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export interface TutorialDocument extends TutorialContent {
  readonly id: string;
  /** The author's tenant: the tutorial's owner, who alone may change it. */
  readonly tenantId: string;
  readonly authorId: string;
  readonly version: number;
  /** Oldest first. */
  readonly versions: readonly TutorialVersionEntry[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly [field: string]: unknown;
}

/**
 * One document per link of a tutorial to a listing or a tag (`<tutorialId>|<link>`), so that the
 * tutorials of one algorithm or tag are found by an indexed field (the port filters scalars only).
 */
export const TUTORIAL_LINKS_COLLECTION = 'tutorial_links';

export const tutorialAlgorithmLink = (algorithmId: string): string => `algorithm:${algorithmId}`;
export const tutorialTagLink = (tag: string): string => `tag:${tag}`;
export const tutorialLinkId = (tutorialId: string, link: string): string => `${tutorialId}|${link}`;

export interface TutorialLinkDocument {
  readonly id: string;
  readonly tutorialId: string;
  readonly link: string;
  readonly updatedAt: string;
  readonly [field: string]: unknown;
}

/**
 * Who may see a project, as one indexed value: `public` for a PUBLIC project, else its tenant's id;
 * a caller's visible projects are those whose audience is `public` or the caller's tenant.
 */
export const PUBLIC_AUDIENCE = 'public';
export const projectAudience = (visibility: ProjectVisibility, tenantId: string): string => (visibility === 'PUBLIC' ? PUBLIC_AUDIENCE : tenantId);

/** Each project as it stands (`projectId`). */
export const PROJECTS_COLLECTION = 'projects';

export interface ProjectMemberEntry {
  readonly userId: string;
  readonly role: ProjectRole;
  readonly addedAt: string;
}

export interface ProjectDocument {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly description: string;
  readonly visibility: ProjectVisibility;
  readonly audience: string;
  readonly members: readonly ProjectMemberEntry[];
  readonly algorithmIds: readonly string[];
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly [field: string]: unknown;
}

/** One document per member of a project (`<projectId>|<userId>`): the projects of a developer, by an indexed field. */
export const PROJECT_MEMBERS_COLLECTION = 'project_members';

export const projectMemberId = (projectId: string, userId: string): string => `${projectId}|${userId}`;

export interface ProjectMemberDocument {
  readonly id: string;
  readonly projectId: string;
  /** The project's tenant. */
  readonly tenantId: string;
  readonly userId: string;
  readonly role: ProjectRole;
  /** The project's audience, kept in step with it, so a developer's projects are filtered by what the caller may see. */
  readonly audience: string;
  readonly addedAt: string;
  readonly [field: string]: unknown;
}

/** What earns contribution points, and how many (README, "Community"). */
export const CONTRIBUTION_POINTS = {
  ALGORITHM_APPROVED: 50,
  TUTORIAL_PUBLISHED: 20,
  ANSWER_ACCEPTED: 15,
  ALGORITHM_RUN: 1,
} as const;
export type ContributionKind = keyof typeof CONTRIBUTION_POINTS;
export const CONTRIBUTION_KINDS = Object.keys(CONTRIBUTION_POINTS) as ContributionKind[];

/**
 * One document per scoring event (`id` = the event's id): append-only facts. A developer is a
 * user's subject id; no tenant is stored, as contributions are a public profile.
 */
export const CONTRIBUTIONS_COLLECTION = 'contributions';

export interface ContributionDocument {
  readonly id: string;
  readonly developerId: string;
  readonly kind: ContributionKind;
  readonly points: number;
  readonly at: string;
  /** What was contributed: the listing, tutorial or answer (post). */
  readonly subjectId: string;
  readonly [field: string]: unknown;
}

/** The periods a leaderboard ranks over; each contribution counts in its week, month, year and all time. */
export const LEADERBOARD_PERIODS = ['WEEK', 'MONTH', 'YEAR', 'ALL_TIME'] as const;
export type LeaderboardPeriod = (typeof LEADERBOARD_PERIODS)[number];

/**
 * A developer's totals in one period bucket (`<bucket>|<developerId>`), folded from the facts by the
 * same projection: a leaderboard is one indexed read of a bucket's documents by points.
 */
export const CONTRIBUTION_TOTALS_COLLECTION = 'contribution_totals';

export const contributionTotalId = (bucket: string, developerId: string): string => `${bucket}|${developerId}`;

export interface KindTotal {
  readonly count: number;
  readonly points: number;
}

export interface ContributionTotalDocument {
  readonly id: string;
  /** `WEEK:2026-W05`, `MONTH:2026-01`, `YEAR:2026` or `ALL_TIME`. */
  readonly bucket: string;
  readonly developerId: string;
  readonly points: number;
  readonly byKind: Readonly<Partial<Record<ContributionKind, KindTotal>>>;
  readonly [field: string]: unknown;
}

/** The bucket of a period that holds the instant (UTC): weeks are ISO weeks, starting on Monday. */
export function periodBucket(period: LeaderboardPeriod, at: Date): string {
  const year = at.getUTCFullYear();
  switch (period) {
    case 'ALL_TIME':
      return 'ALL_TIME';
    case 'YEAR':
      return `YEAR:${year}`;
    case 'MONTH':
      return `MONTH:${year}-${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
    case 'WEEK': {
      const { isoYear, week } = isoWeek(at);
      return `WEEK:${isoYear}-W${String(week).padStart(2, '0')}`;
    }
  }
}

/** ISO 8601 week: the week with the year's first Thursday is week 1. */
function isoWeek(at: Date): { isoYear: number; week: number } {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const isoYear = day.getUTCFullYear();
  const week = Math.ceil(((day.getTime() - Date.UTC(isoYear, 0, 1)) / 86_400_000 + 1) / 7);
  return { isoYear, week };
}
