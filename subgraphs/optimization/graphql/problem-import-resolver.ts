import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { requireTenantAccess, type SubgraphContext } from '../../../platform/graphql/subgraph-context';
import type { SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import { refuseInvalidModel } from '../domain/model-refusal';
import { parseProblemFile } from '../files/problem-file';
import { decodeUpload } from '../files/upload-content';
import { toQuboInput } from '../model';
import { CreateProblemFromFileInput } from './problem-file-types';
import { storedProblem } from './problem-resolver';
import { CreateProblemFromTemplateInput } from './problem-template-types';
import { templateProblem } from './problem-template';
import { Problem } from './problem-types';
import { storeProblem } from './store-problem';

/** Problems stated as domain data (a template) or as a benchmark file, stored as createProblem stores a QUBO. */
@Resolver(() => Problem)
export class ProblemImportResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Mutation(() => Problem, {
    description:
      "Builds a problem from a template's domain data (give `template` and the input field of the same name only) and stores it with the template's constraints, as createProblem and addConstraint would. Refused with BAD_USER_INPUT (extensions.reason INVALID_TEMPLATE_INPUT, PROBLEM_TOO_LARGE, …; field) and nothing stored.",
  })
  async createProblemFromTemplate(@Arg('input', () => CreateProblemFromTemplateInput) input: CreateProblemFromTemplateInput, @Ctx() context: SubgraphContext): Promise<Problem> {
    requireTenantAccess(context, input.tenantId);
    const { model, constraints } = templateProblem(input);
    const problemId = await storeProblem(this.deps, context, { tenantId: input.tenantId, name: input.name, definition: toQuboInput(model), constraints });
    return storedProblem(this.deps, problemId);
  }

  @Mutation(() => Problem, {
    description:
      'Reads one problem of a file (its text, or gzipped and base64-encoded) and stores it as createProblem would. A file that does not follow its format is refused with BAD_USER_INPUT, extensions.reason MALFORMED_FILE and a message naming the line; one over UPLOAD_MAX_BYTES with UPLOAD_TOO_LARGE; nothing is stored.',
  })
  async createProblemFromFile(@Arg('input', () => CreateProblemFromFileInput) input: CreateProblemFromFileInput, @Ctx() context: SubgraphContext): Promise<Problem> {
    requireTenantAccess(context, input.tenantId);
    const model = refuseInvalidModel(() => parseProblemFile(input.format, decodeUpload(input.content, this.deps.config.uploadMaxBytes), input.instance ?? undefined, this.deps.config.quboLimits));
    const problemId = await storeProblem(this.deps, context, { tenantId: input.tenantId, name: input.name, definition: toQuboInput(model) });
    return storedProblem(this.deps, problemId);
  }
}
