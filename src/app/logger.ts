import pino from 'pino';
import type { Logger } from '../core/logger.ts';

/** Fields that may carry credentials are masked wherever they turn up in a log line. */
const REDACT = ['secret', 'accessToken', 'clientSecret', 'token', 'key', 'sign'].flatMap((k) => [k, `*.${k}`]);

/** The one logger; tests pass 'silent'. Message texts are not logged at info: they may hold names. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = { level, base: null, redact: { paths: REDACT, censor: '***' } };
  return destination ? pino(options, destination) : pino(options);
}
