/** What the runner needs from a logger; a pino logger fits, and the runner never reaches for a global one. */
export interface ProjectionLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}
