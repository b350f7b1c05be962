import type pino from 'pino';

/** The one structured logger every layer writes to (created in src/app/logger.ts). */
export type Logger = pino.Logger;
