import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../../platform/graphql/build-federated-schema';
import { operationMiddleware } from '../../platform/graphql/operation-middleware';
import { dependencyContainer, type SubgraphDependencies } from '../../platform/graphql/subgraph-dependencies';
import { tenantProfileModule } from '../../platform/graphql/tenant-profile-module';
import { DateTimeScalar } from '../../schema/graphql/scalars';
import { TENANT_PROFILE_COLLECTIONS } from '../../schema/read-models/tenants';
import { servicePrincipal } from '../../platform/commands/service-principal';
import { FORECAST_REFRESHER, SCALING_PERMISSIONS, SCALING_SCHEDULER } from './graphql/permissions';
import { ForecastRefresher } from './prediction/forecast-refresher';
import { rebuildScalingModelFiles } from './prediction/scaling-model-files';
import { ScalingScheduler } from './schedules/scaling-scheduler';
import { UsageResolver } from './graphql/usage-resolver';
import { PolicyResolver } from './graphql/policy-resolver';
import { CalendarResolver } from './graphql/calendar-resolver';
import { PredictionResolver } from './graphql/prediction-resolver';
import { ScheduleResolver } from './graphql/schedule-resolver';
import { scalingProfileResolver } from './graphql/scaling-profile-resolver';
import { SCALING_EVENTS_SUBSCRIPTION_SDL, ScalingEventMessage } from './graphql/scaling-events-types';

const tenantProfile = tenantProfileModule({
  profileTypeName: 'ScalingProfile',
  fieldName: 'scalingProfile',
  collection: TENANT_PROFILE_COLLECTIONS.scaling,
  description: 'The tenant as the scaling subgraph knows it.',
  dateTimeScalar: DateTimeScalar,
});

const { profileType, ...profile } = tenantProfile;
const ScalingProfileResolver = scalingProfileResolver(profileType);

/** The scaling subgraph: metering, demand forecasts, scaling policies and schedules, and `Tenant.scalingProfile`. */
export function buildScalingSubgraph(deps: SubgraphDependencies): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    ...profile,
    orphanedTypes: [...(profile.orphanedTypes ?? []), ScalingEventMessage],
    extraTypeDefs: SCALING_EVENTS_SUBSCRIPTION_SDL,
    resolvers: [...profile.resolvers, ScalingProfileResolver, UsageResolver, PolicyResolver, CalendarResolver, PredictionResolver, ScheduleResolver],
    container: dependencyContainer(deps),
    middleware: operationMiddleware(deps, 'scaling', SCALING_PERMISSIONS),
  });
}

/** Runs applied schedules' actions and refreshes forecasts, in one process serving this subgraph at a time; answers how to stop them. */
export async function startScalingBackgroundWork(deps: SubgraphDependencies): Promise<() => Promise<void>> {
  await rebuildScalingModelFiles(deps);
  const scheduler = new ScalingScheduler(deps, servicePrincipal(SCALING_SCHEDULER, 'scaling', SCALING_PERMISSIONS));
  const refresher = new ForecastRefresher(deps, servicePrincipal(FORECAST_REFRESHER, 'scaling', SCALING_PERMISSIONS));
  scheduler.start();
  refresher.start();
  return async () => {
    await refresher.stop();
    await scheduler.stop();
  };
}
