import { randomUUID } from 'node:crypto';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { executeCommand } from '../../../platform/commands/execute-command';
import { badUserInput, notFound } from '../../../platform/errors';
import { requireTenantAccess, requireVisibleItem, type SubgraphContext } from '../../../platform/graphql/subgraph-context';
import { callerOf, type SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import { SCALING_CALENDAR_COLLECTION, type CalendarExceptionDocument } from '../../../schema/read-models/scaling';
import { scalingCalendars } from '../domain/command-handlers';
import { AddCalendarExceptionInput, CalendarException, CalendarExceptionKind } from './calendar-types';

const MAX_EXCEPTIONS = 1000;
const MAX_SPAN_MS = 366 * 24 * 3_600_000;
const MAX_DESCRIPTION = 200;

@Resolver()
export class CalendarResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Mutation(() => CalendarException, { description: "Adds a holiday or a planned peak to the tenant's calendar; forecasts made from then on respect it." })
  async addCalendarException(@Arg('input', () => AddCalendarExceptionInput) input: AddCalendarExceptionInput, @Ctx() context: SubgraphContext): Promise<CalendarException> {
    requireTenantAccess(context, input.tenantId);
    const span = input.end.getTime() - input.start.getTime();
    if (!(span > 0 && span <= MAX_SPAN_MS)) throw badUserInput('end must be after start, at most a year later.', 'input.end');
    if (input.factor != null && !(Number.isFinite(input.factor) && input.factor > 0)) throw badUserInput('factor is a number > 0 (0.5 halves the usual demand, 2 doubles it).', 'input.factor');
    if (input.description.length > MAX_DESCRIPTION) throw badUserInput(`description has at most ${MAX_DESCRIPTION} characters.`, 'input.description');
    const exceptionId = randomUUID();
    const exception = { exceptionId, tenantId: input.tenantId, start: input.start.toISOString(), end: input.end.toISOString(), kind: input.kind, factor: input.factor ?? null, description: input.description };
    const caller = callerOf(context);
    await executeCommand(this.deps, caller, scalingCalendars, { type: 'AddCalendarException', exception, by: caller.actor, at: this.deps.clock().toISOString() }, { tenantId: input.tenantId, target: exceptionId });
    const document = await this.collection().get(exceptionId);
    if (!document) throw notFound('Calendar exception', exceptionId);
    return toException(document);
  }

  @Mutation(() => ID, { description: 'Removes an exception from the calendar; answers its id.' })
  async removeCalendarException(@Arg('exceptionId', () => ID) exceptionId: string, @Ctx() context: SubgraphContext): Promise<string> {
    const document = await this.collection().get(exceptionId);
    if (!document) throw notFound('Calendar exception', exceptionId);
    requireVisibleItem(context, document.tenantId, () => notFound('Calendar exception', exceptionId));
    const caller = callerOf(context);
    await executeCommand(this.deps, caller, scalingCalendars, { type: 'RemoveCalendarException', tenantId: document.tenantId, exceptionId, by: caller.actor, at: this.deps.clock().toISOString() }, { tenantId: document.tenantId, target: exceptionId });
    return exceptionId;
  }

  @Query(() => [CalendarException], { description: "The tenant's calendar exceptions in force, by start." })
  async calendarExceptions(@Arg('tenantId', () => ID) tenantId: string, @Ctx() context: SubgraphContext): Promise<CalendarException[]> {
    requireTenantAccess(context, tenantId);
    const page = await this.collection().find({ where: { tenantId }, sort: [{ field: 'start', direction: 'asc' }], first: MAX_EXCEPTIONS });
    return page.items.map(toException);
  }

  private collection() {
    return this.deps.readStore.collection<CalendarExceptionDocument>(SCALING_CALENDAR_COLLECTION);
  }
}

function toException(document: CalendarExceptionDocument): CalendarException {
  return { ...document, kind: document.kind as CalendarExceptionKind };
}
