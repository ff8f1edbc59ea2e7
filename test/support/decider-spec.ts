import { DomainError, type Decider, type DomainEvent } from '../../platform/commands/decider';

/**
 * given(past events) / when(command) / then(new events) for deciders, as in emmett:
 *   spec.given([created]).when(rename).then([renamed])
 */
export function deciderSpec<State, Command, Event extends DomainEvent>(decider: Decider<State, Command, Event>) {
  return {
    given(history: readonly Event[]) {
      const state = history.reduce(decider.evolve, decider.initialState());
      return {
        when(command: Command) {
          const decide = () => decider.decide(command, state);
          return {
            then(expected: readonly Event[]): void {
              expect(decide()).toEqual(expected);
            },
            thenRejects(code: DomainError['code'], message?: RegExp): void {
              let thrown: unknown;
              try {
                decide();
              } catch (error) {
                thrown = error;
              }
              expect(thrown).toBeInstanceOf(DomainError);
              expect((thrown as DomainError).code).toBe(code);
              if (message) expect((thrown as DomainError).message).toMatch(message);
            },
          };
        },
      };
    },
  };
}
