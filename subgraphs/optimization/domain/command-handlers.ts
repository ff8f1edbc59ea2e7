import { commandHandler } from '../../../platform/commands/command-handler';
import { algorithmBenchmarkStreamId, constraintStreamId, eventSchemaVersion, evolutionModelStreamId, evolutionStreamId, evolutionTriggerStreamId, optimizationRunStreamId, problemStreamId, solveJobStreamId } from '../../../schema/events';
import { algorithmBenchmarkDecider } from './algorithm-benchmark-decider';
import { evolutionDecider, evolutionIdOf } from './evolution-decider';
import { evolutionModelDecider } from './evolution-model-decider';
import { evolutionTriggerDecider, triggerIdOf } from './evolution-trigger-decider';
import { constraintDecider } from './constraint-decider';
import { optimizationRunDecider } from './optimization-run-decider';
import { problemDecider } from './problem-decider';
import { jobIdOf, solveJobDecider } from './solve-job-decider';

/** The optimization aggregates, each bound once to its decider, its stream and its event versions. */
export const problems = commandHandler(problemDecider, (command) => problemStreamId(command.problemId), eventSchemaVersion);
export const constraints = commandHandler(constraintDecider, (command) => constraintStreamId(command.constraintId), eventSchemaVersion);
export const solveJobs = commandHandler(solveJobDecider, (command) => solveJobStreamId(jobIdOf(command)), eventSchemaVersion);
export const optimizationRuns = commandHandler(optimizationRunDecider, (command) => optimizationRunStreamId(command.outcome.data.runId), eventSchemaVersion);
export const evolutions = commandHandler(evolutionDecider, (command) => evolutionStreamId(evolutionIdOf(command)), eventSchemaVersion);
export const evolutionTriggers = commandHandler(evolutionTriggerDecider, (command) => evolutionTriggerStreamId(triggerIdOf(command)), eventSchemaVersion);
export const evolutionModels = commandHandler(evolutionModelDecider, (command) => evolutionModelStreamId(command.model.tenantId), eventSchemaVersion);
export const algorithmBenchmarks = commandHandler(algorithmBenchmarkDecider, (command) => algorithmBenchmarkStreamId(command.benchmark.algorithmId), eventSchemaVersion);
