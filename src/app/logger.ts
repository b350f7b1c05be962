import pino from 'pino';

export type Logger = pino.Logger;

/** The one logger; tests pass 'silent'. Message texts are not logged at info: they may hold names. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return destination ? pino({ level, base: null }, destination) : pino({ level, base: null });
}
