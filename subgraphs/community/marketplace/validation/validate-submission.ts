import { checkSubmission, type CheckedSubmission, type SubmissionInput } from './check-submission';

/**
 * Every problem of a submission, duplicate content included: the same recipe, documentation and
 * source as any version of any tenant's listing (`isListed`, a read-model lookup) is refused, so
 * one work is not sold twice under two names.
 */
export async function validateSubmission(input: SubmissionInput, isListed: (contentHash: string) => Promise<boolean>): Promise<CheckedSubmission> {
  const checked = checkSubmission(input);
  if (!(await isListed(checked.contentHash))) return checked;
  const duplicate = { field: 'input', code: 'DUPLICATE_CONTENT', message: 'the same recipe, documentation and source code are already listed: change what this version brings', severity: 'ERROR' } as const;
  return { problems: [...checked.problems, duplicate], contentHash: checked.contentHash };
}
