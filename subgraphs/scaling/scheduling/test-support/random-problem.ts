import type { ScheduleProblem } from '../schedule-problem';
import { randomInteger } from '../seeded-random';
import { costRange } from './brute-force-schedule';

/**
 * A random tiny problem that exercises every rule: bounds that vary by hour, requirements that
 * sometimes exceed the maximum, an optional step limit, hold, cost per action and, for about half
 * of them, a cost limit drawn between the cheapest and the dearest rule-abiding schedule (so it
 * binds often). Undefined when the drawn rules admit no schedule at all.
 */
export function randomProblem(random: () => number, hours: number, levels: number): ScheduleProblem | undefined {
  const minCapacity: number[] = [];
  const maxCapacity: number[] = [];
  for (let t = 0; t < hours; t++) {
    const a = randomInteger(random, 0, levels - 1);
    const b = randomInteger(random, 0, levels - 1);
    minCapacity.push(random() < 0.6 ? 0 : Math.min(a, b));
    maxCapacity.push(random() < 0.6 ? levels - 1 : Math.max(a, b));
  }
  // Now and then a hold longer than the horizon, which allows a single change at most.
  const minHoldHours = random() < 0.1 ? hours + randomInteger(random, 0, 2) : randomInteger(random, 1, 3);
  const problem: ScheduleProblem = {
    hours,
    required: Array.from({ length: hours }, () => randomInteger(random, 0, levels)),
    minCapacity,
    maxCapacity,
    maxStepChange: random() < 0.5 ? Infinity : randomInteger(random, 1, 2),
    minHoldHours,
    unitCostPerHour: Math.round((0.5 + random() * 2) * 100) / 100,
    costPerAction: random() < 0.3 ? 0 : Math.round(random() * 400) / 100,
    costLimit: Infinity,
    initialCapacity: randomInteger(random, 0, levels - 1),
    initialHeldHours: randomInteger(random, 1, minHoldHours + 1),
  };
  const range = costRange(problem);
  if (range === undefined) return undefined;
  if (random() < 0.5) return problem;
  return { ...problem, costLimit: range.least + random() * (range.most - range.least) * 0.6 };
}
